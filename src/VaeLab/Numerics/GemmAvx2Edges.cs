using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>
/// Edge tiles of <see cref="GemmAvx2"/> run through its unmasked 4 x 24 kernel and a tile on the stack: a panel 24
/// wide of which only the first 17 to 23 columns exist in c (an output 21 wide, the sphere's data). The kernel's
/// 12 accumulators beat the masked 4 x 16 and 4 x 8 pair, whose 4 x 8 half cannot hide the FMA latency; every element
/// in c still starts from its bias (or c, or zero) and takes one fused multiply-add per p in increasing order.
/// </summary>
internal static unsafe class GemmAvx2Edges
{
    /// <summary>
    /// Rows i..i+3, columns 0..valid-1 of c (row stride ldc) from a packed, zero-padded panel 24 wide (k rows);
    /// <paramref name="bias"/> (null for none) holds at least <paramref name="valid"/> entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining), SkipLocalsInit]
    public static void Masked4x24(float* a, int rs, int cs, float* panel, float* bias, float* c, int ldc, int k, bool acc, int valid)
    {
        // The tile's last 8 columns hold valid - 16 (1 to 7) of c's; masked loads leave the rest zero, masked stores skip them.
        var mask = GemmAvx2.TailMask(valid - 16);
        float* tile = stackalloc float[4 * 24];
        float* paddedBias = stackalloc float[24];
        if (bias != null)
        {
            Avx.Store(paddedBias, Avx.LoadVector256(bias));
            Avx.Store(paddedBias + 8, Avx.LoadVector256(bias + 8));
            Avx.Store(paddedBias + 16, Avx.MaskLoad(bias + 16, mask));
        }
        if (acc)
            for (int r = 0; r < 4; r++)
            {
                float* row = c + r * ldc, t = tile + r * 24;
                Avx.Store(t, Avx.LoadVector256(row));
                Avx.Store(t + 8, Avx.LoadVector256(row + 8));
                Avx.Store(t + 16, Avx.MaskLoad(row + 16, mask));
            }
        GemmAvx2Kernels.Kernel4x24(a, rs, cs, panel, 24, bias == null ? null : paddedBias, tile, 24, k, acc, default);
        for (int r = 0; r < 4; r++)
        {
            float* row = c + r * ldc, t = tile + r * 24;
            Avx.Store(row, Avx.LoadVector256(t));
            Avx.Store(row + 8, Avx.LoadVector256(t + 8));
            Avx.MaskStore(row + 16, mask, Avx.LoadVector256(t + 16));
        }
    }
}

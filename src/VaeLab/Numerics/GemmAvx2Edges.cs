using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Masked4x24(float* a, int rs, int cs, float* panel, float* bias, float* c, int ldc, int k, bool acc, int valid)
    {
        float* tile = stackalloc float[4 * 24];
        float* paddedBias = stackalloc float[24];
        if (bias != null)
            for (int j = 0; j < valid; j++) paddedBias[j] = bias[j];
        if (acc)
            for (int r = 0; r < 4; r++)
                for (int j = 0; j < valid; j++) tile[r * 24 + j] = c[r * ldc + j];
        GemmAvx2Kernels.Kernel4x24(a, rs, cs, panel, 24, bias == null ? null : paddedBias, tile, 24, k, acc, default);
        for (int r = 0; r < 4; r++)
            for (int j = 0; j < valid; j++) c[r * ldc + j] = tile[r * 24 + j];
    }
}

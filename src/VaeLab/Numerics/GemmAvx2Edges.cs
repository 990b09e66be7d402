using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>
/// The edge of <see cref="GemmAvx2Kernels.Kernel4x24"/>: a panel 24 wide of which only the first 17 to 23 columns exist
/// in c (an output 20 or 21 wide: the linear family's latent, the sphere's data). The kernel's 12 accumulators beat the
/// masked 4 x 16 and 4 x 8 pair, whose 4 x 8 half cannot hide the FMA latency; its last vector is stored shifted back
/// so that it ends at the last valid column, without a masked store (microcoded and slow on AMD cores) or a tile on the
/// stack.
/// </summary>
internal static unsafe class GemmAvx2Edges
{
    /// <summary>The width of the tile the 4 x 24 kernel computes, fixed when it is compiled: the full kernel has no edge code.</summary>
    internal interface IWidth
    {
        /// <summary>True when only the first 17 to 23 of the 24 columns exist in c and bias.</summary>
        static abstract bool Partial { get; }
    }

    /// <summary>All 24 columns exist.</summary>
    internal struct Full : IWidth { public static bool Partial => false; }

    /// <summary>Only the first 17 to 23 columns exist.</summary>
    internal struct Edge : IWidth { public static bool Partial => true; }

    /// <summary>The tile's last 8 columns from p: masked (lanes past the valid columns read as 0) when they are partial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadLast<TWidth>(float* p, Vector256<float> mask) where TWidth : struct, IWidth =>
        TWidth.Partial ? Avx.MaskLoad(p, mask) : Avx.LoadVector256(p);

    /// <summary>
    /// Stores the 4 x 24 tile (row r in xr0, xr1, xr2) of which only the first <paramref name="valid"/> (17 to 23)
    /// columns exist in c: columns 0-15 as they are, then columns valid - 8 .. valid - 1 taken from the last two vectors
    /// by a lane rotation (the stores overlap on columns valid - 8 .. 15, with the same values).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTile(float* c, nint ldc, int valid, Vector256<float> x00, Vector256<float> x01, Vector256<float> x02,
        Vector256<float> x10, Vector256<float> x11, Vector256<float> x12, Vector256<float> x20, Vector256<float> x21, Vector256<float> x22,
        Vector256<float> x30, Vector256<float> x31, Vector256<float> x32)
    {
        // Lane l of the shifted vector is column valid - 8 + l = 8 + s + l: lane s + l of the middle vector while that is
        // below 8, else lane s + l - 8 of the last, with s = valid - 16.
        var s = Vector256.Create(valid - 16);
        var rotate = (s + Vector256<int>.Indices) & Vector256.Create(7);
        var fromLast = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(8) - s).AsSingle();
        StoreRow(c, valid, x00, x01, x02, rotate, fromLast);
        StoreRow(c + ldc, valid, x10, x11, x12, rotate, fromLast);
        StoreRow(c + 2 * ldc, valid, x20, x21, x22, rotate, fromLast);
        StoreRow(c + 3 * ldc, valid, x30, x31, x32, rotate, fromLast);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, int valid, Vector256<float> x0, Vector256<float> x1, Vector256<float> x2, Vector256<int> rotate,
        Vector256<float> fromLast)
    {
        Avx.Store(c, x0);
        Avx.Store(c + 8, x1);
        Avx.Store(c + valid - 8, Avx.BlendVariable(Avx2.PermuteVar8x32(x1, rotate), Avx2.PermuteVar8x32(x2, rotate), fromLast));
    }
}

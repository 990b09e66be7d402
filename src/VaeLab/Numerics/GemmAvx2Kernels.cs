using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Edges = VaeLab.Numerics.GemmAvx2Edges;

namespace VaeLab.Numerics;

/// <summary>
/// The AVX2/FMA micro-kernels behind <see cref="GemmAvx2"/>. Each computes a tile of c = bias + a·b (or c += a·b) with
/// one fused multiply-add per p in increasing order. b is k rows of <c>ldb</c> floats apart (a packed panel, or b
/// itself); a is read through its strides (rs between rows, cs between p). The unmasked 4 x 24 and 6 x 16 kernels keep
/// 12 accumulators (enough to hide the FMA latency on two FMA pipes), carry the bulk and apply the epilogue in
/// registers as they store; the masked ones take the edges.
/// </summary>
internal static unsafe class GemmAvx2Kernels
{
    /// <summary>Rows i..i+3, 24 columns of b: a packed panel (ldb = 24) or b itself (ldb = its row stride); c and bias have only
    /// <paramref name="valid"/> (17-23) columns for <see cref="GemmAvx2Edges.Edge"/> (b zero-padded, e left to the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Kernel4x24<TWidth>(float* a, nint rs, nint cs, float* b, nint ldb, float* bias, float* c, nint ldc, int k, bool acc,
        GemmEpilogue e, int valid) where TWidth : struct, GemmAvx2Edges.IWidth
    {
        Vector256<float> c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        var last = TWidth.Partial ? GemmAvx2.TailMask(valid - 16) : Vector256<float>.AllBitsSet;
        if (acc)
        {
            c00 = Avx.LoadVector256(c); c01 = Avx.LoadVector256(c + 8); c02 = Edges.LoadLast<TWidth>(c + 16, last);
            c10 = Avx.LoadVector256(c + ldc); c11 = Avx.LoadVector256(c + ldc + 8); c12 = Edges.LoadLast<TWidth>(c + ldc + 16, last);
            c20 = Avx.LoadVector256(c + 2 * ldc); c21 = Avx.LoadVector256(c + 2 * ldc + 8); c22 = Edges.LoadLast<TWidth>(c + 2 * ldc + 16, last);
            c30 = Avx.LoadVector256(c + 3 * ldc); c31 = Avx.LoadVector256(c + 3 * ldc + 8); c32 = Edges.LoadLast<TWidth>(c + 3 * ldc + 16, last);
        }
        else if (bias != null)
        {
            c00 = c10 = c20 = c30 = Avx.LoadVector256(bias);
            c01 = c11 = c21 = c31 = Avx.LoadVector256(bias + 8);
            c02 = c12 = c22 = c32 = Edges.LoadLast<TWidth>(bias + 16, last);
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = Vector256<float>.Zero;
        }
        // One index walks the four rows of a (x86 folds it into the broadcasts' addresses); two p per trip.
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, end = b + ldb * (nint)(k & ~1);
        nint off = 0, ldb2 = 2 * ldb;
        for (; b < end; b += ldb2)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var b2 = Avx.LoadVector256(b + 16);
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01); c02 = Fma.MultiplyAdd(x, b2, c02);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11); c12 = Fma.MultiplyAdd(x, b2, c12);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21); c22 = Fma.MultiplyAdd(x, b2, c22);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31); c32 = Fma.MultiplyAdd(x, b2, c32);
            off += cs;
            b0 = Avx.LoadVector256(b + ldb);
            b1 = Avx.LoadVector256(b + ldb + 8);
            b2 = Avx.LoadVector256(b + ldb + 16);
            x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01); c02 = Fma.MultiplyAdd(x, b2, c02);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11); c12 = Fma.MultiplyAdd(x, b2, c12);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21); c22 = Fma.MultiplyAdd(x, b2, c22);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31); c32 = Fma.MultiplyAdd(x, b2, c32);
            off += cs;
        }
        if ((k & 1) != 0)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var b2 = Avx.LoadVector256(b + 16);
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01); c02 = Fma.MultiplyAdd(x, b2, c02);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11); c12 = Fma.MultiplyAdd(x, b2, c12);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21); c22 = Fma.MultiplyAdd(x, b2, c22);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31); c32 = Fma.MultiplyAdd(x, b2, c32);
        }
        if (TWidth.Partial) GemmAvx2Edges.StoreTile(c, ldc, valid, c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32);
        else if (e.IsNone)
        {
            Avx.Store(c, c00); Avx.Store(c + 8, c01); Avx.Store(c + 16, c02);
            Avx.Store(c + ldc, c10); Avx.Store(c + ldc + 8, c11); Avx.Store(c + ldc + 16, c12);
            Avx.Store(c + 2 * ldc, c20); Avx.Store(c + 2 * ldc + 8, c21); Avx.Store(c + 2 * ldc + 16, c22);
            Avx.Store(c + 3 * ldc, c30); Avx.Store(c + 3 * ldc + 8, c31); Avx.Store(c + 3 * ldc + 16, c32);
        }
        else
        {
            e.Store(c, c00); e.Store(c + 8, c01); e.Store(c + 16, c02);
            e.Store(c + ldc, c10); e.Store(c + ldc + 8, c11); e.Store(c + ldc + 16, c12);
            e.Store(c + 2 * ldc, c20); e.Store(c + 2 * ldc + 8, c21); e.Store(c + 2 * ldc + 16, c22);
            e.Store(c + 3 * ldc, c30); e.Store(c + 3 * ldc + 8, c31); e.Store(c + 3 * ldc + 16, c32);
        }
    }

    /// <summary>Rows i..i+5, 16 columns of b: a packed panel (ldb = 16) or b itself (ldb = its row stride).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Kernel6x16(float* a, nint rs, nint cs, float* b, nint ldb, float* bias, float* c, nint ldc, int k, bool acc, GemmEpilogue e)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (acc)
        {
            c00 = Avx.LoadVector256(c); c01 = Avx.LoadVector256(c + 8);
            c10 = Avx.LoadVector256(c + ldc); c11 = Avx.LoadVector256(c + ldc + 8);
            c20 = Avx.LoadVector256(c + 2 * ldc); c21 = Avx.LoadVector256(c + 2 * ldc + 8);
            c30 = Avx.LoadVector256(c + 3 * ldc); c31 = Avx.LoadVector256(c + 3 * ldc + 8);
            c40 = Avx.LoadVector256(c + 4 * ldc); c41 = Avx.LoadVector256(c + 4 * ldc + 8);
            c50 = Avx.LoadVector256(c + 5 * ldc); c51 = Avx.LoadVector256(c + 5 * ldc + 8);
        }
        else if (bias != null)
        {
            c00 = c10 = c20 = c30 = c40 = c50 = Avx.LoadVector256(bias);
            c01 = c11 = c21 = c31 = c41 = c51 = Avx.LoadVector256(bias + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, a4 = a + 4 * rs, a5 = a + 5 * rs, end = b + ldb * (nint)k;
        nint off = 0;
        for (; b < end; b += ldb)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a4[off]);
            c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a5[off]);
            c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            off += cs;
        }
        if (e.IsNone)
        {
            Avx.Store(c, c00); Avx.Store(c + 8, c01);
            Avx.Store(c + ldc, c10); Avx.Store(c + ldc + 8, c11);
            Avx.Store(c + 2 * ldc, c20); Avx.Store(c + 2 * ldc + 8, c21);
            Avx.Store(c + 3 * ldc, c30); Avx.Store(c + 3 * ldc + 8, c31);
            Avx.Store(c + 4 * ldc, c40); Avx.Store(c + 4 * ldc + 8, c41);
            Avx.Store(c + 5 * ldc, c50); Avx.Store(c + 5 * ldc + 8, c51);
        }
        else
        {
            e.Store(c, c00); e.Store(c + 8, c01);
            e.Store(c + ldc, c10); e.Store(c + ldc + 8, c11);
            e.Store(c + 2 * ldc, c20); e.Store(c + 2 * ldc + 8, c21);
            e.Store(c + 3 * ldc, c30); e.Store(c + 3 * ldc + 8, c31);
            e.Store(c + 4 * ldc, c40); e.Store(c + 4 * ldc + 8, c41);
            e.Store(c + 5 * ldc, c50); e.Store(c + 5 * ldc + 8, c51);
        }
    }

    /// <summary>Rows i..i+3, columns j..j+15 of a panel with row stride ldb; the second 8 columns through <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel4x16(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc, Vector256<float> mask)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (acc)
        {
            c00 = Avx.LoadVector256(c); c01 = Avx.MaskLoad(c + 8, mask);
            c10 = Avx.LoadVector256(c + ldc); c11 = Avx.MaskLoad(c + ldc + 8, mask);
            c20 = Avx.LoadVector256(c + 2 * ldc); c21 = Avx.MaskLoad(c + 2 * ldc + 8, mask);
            c30 = Avx.LoadVector256(c + 3 * ldc); c31 = Avx.MaskLoad(c + 3 * ldc + 8, mask);
        }
        else if (bias != null)
        {
            c00 = c10 = c20 = c30 = Avx.LoadVector256(bias);
            c01 = c11 = c21 = c31 = Avx.MaskLoad(bias + 8, mask);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (int p = 0; p < k; p++)
        {
            long off = (long)p * cs;
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.MaskLoad(b + 8, mask);
            b += ldb;
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
        }
        Avx.Store(c, c00); Avx.MaskStore(c + 8, mask, c01);
        Avx.Store(c + ldc, c10); Avx.MaskStore(c + ldc + 8, mask, c11);
        Avx.Store(c + 2 * ldc, c20); Avx.MaskStore(c + 2 * ldc + 8, mask, c21);
        Avx.Store(c + 3 * ldc, c30); Avx.MaskStore(c + 3 * ldc + 8, mask, c31);
    }

    /// <summary>
    /// Rows i..i+7 of a packed panel 8 wide (an output only 1 to 8 wide: the stage-2 heads at small m), the first
    /// <paramref name="valid"/> columns: 8 accumulators instead of the 4 of <see cref="Kernel4x8"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel8x8(float* a, nint rs, nint cs, float* b, float* bias, float* c, nint ldc, int k, bool acc, int valid)
    {
        var mask = GemmAvx2.TailMask(valid);
        Vector256<float> c0, c1, c2, c3, c4, c5, c6, c7;
        if (acc)
        {
            c0 = Avx.MaskLoad(c, mask); c1 = Avx.MaskLoad(c + ldc, mask); c2 = Avx.MaskLoad(c + 2 * ldc, mask);
            c3 = Avx.MaskLoad(c + 3 * ldc, mask); c4 = Avx.MaskLoad(c + 4 * ldc, mask); c5 = Avx.MaskLoad(c + 5 * ldc, mask);
            c6 = Avx.MaskLoad(c + 6 * ldc, mask); c7 = Avx.MaskLoad(c + 7 * ldc, mask);
        }
        else if (bias != null)
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Avx.MaskLoad(bias, mask);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector256<float>.Zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, end = b + 8 * (nint)k;
        nint rs4 = 4 * rs, off = 0;
        for (; b < end; b += 8)
        {
            var b0 = Avx.LoadVector256(b);
            c0 = Fma.MultiplyAdd(Vector256.Create(a0[off]), b0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(a1[off]), b0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(a2[off]), b0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(a3[off]), b0, c3);
            c4 = Fma.MultiplyAdd(Vector256.Create(a0[off + rs4]), b0, c4);
            c5 = Fma.MultiplyAdd(Vector256.Create(a1[off + rs4]), b0, c5);
            c6 = Fma.MultiplyAdd(Vector256.Create(a2[off + rs4]), b0, c6);
            c7 = Fma.MultiplyAdd(Vector256.Create(a3[off + rs4]), b0, c7);
            off += cs;
        }
        // Through a stack tile and scalar copies: eight masked stores cost more than the copies on AMD cores.
        float* tile = stackalloc float[64];
        Avx.Store(tile, c0); Avx.Store(tile + 8, c1); Avx.Store(tile + 16, c2); Avx.Store(tile + 24, c3);
        Avx.Store(tile + 32, c4); Avx.Store(tile + 40, c5); Avx.Store(tile + 48, c6); Avx.Store(tile + 56, c7);
        for (int r = 0; r < 8; r++)
            for (int j = 0; j < valid; j++) c[r * ldc + j] = tile[r * 8 + j];
    }

    /// <summary>Rows i..i+3, columns j..j+7 through <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel4x8(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc, Vector256<float> mask)
    {
        Vector256<float> c0, c1, c2, c3;
        if (acc)
        {
            c0 = Avx.MaskLoad(c, mask); c1 = Avx.MaskLoad(c + ldc, mask);
            c2 = Avx.MaskLoad(c + 2 * ldc, mask); c3 = Avx.MaskLoad(c + 3 * ldc, mask);
        }
        else if (bias != null)
        {
            c0 = c1 = c2 = c3 = Avx.MaskLoad(bias, mask);
        }
        else
        {
            c0 = c1 = c2 = c3 = Vector256<float>.Zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (int p = 0; p < k; p++)
        {
            long off = (long)p * cs;
            var b0 = Avx.MaskLoad(b, mask);
            b += ldb;
            c0 = Fma.MultiplyAdd(Vector256.Create(a0[off]), b0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(a1[off]), b0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(a2[off]), b0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(a3[off]), b0, c3);
        }
        Avx.MaskStore(c, mask, c0); Avx.MaskStore(c + ldc, mask, c1);
        Avx.MaskStore(c + 2 * ldc, mask, c2); Avx.MaskStore(c + 3 * ldc, mask, c3);
    }

    /// <summary>One row, columns j..j+7 through <paramref name="mask"/>.</summary>
    public static void Kernel1x8(float* a, int cs, float* b, int ldb, float* bias, float* c, int k, bool acc, Vector256<float> mask)
    {
        Vector256<float> c0 = acc ? Avx.MaskLoad(c, mask) : bias != null ? Avx.MaskLoad(bias, mask) : Vector256<float>.Zero;
        for (int p = 0; p < k; p++)
        {
            c0 = Fma.MultiplyAdd(Vector256.Create(a[(long)p * cs]), Avx.MaskLoad(b, mask), c0);
            b += ldb;
        }
        Avx.MaskStore(c, mask, c0);
    }
}

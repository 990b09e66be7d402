using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>
/// The AVX2/FMA twin of <see cref="Gemm"/>'s AVX-512 kernel for machines without AVX-512: 4 rows x 24 columns
/// register-blocked (12 accumulators, enough to hide the FMA latency on two FMA pipes), 4 x 16 and 4 x 8 kernels for
/// the column tail (masked loads and stores), 1 x 8 for the row tail. Every element is computed exactly as the
/// AVX-512 kernel computes it: start from the bias (or c, or zero), then one fused multiply-add per p in increasing
/// order, so both machines give bit-identical products.
/// </summary>
internal static unsafe class GemmAvx2
{
    public static bool IsSupported => Avx.IsSupported && Fma.IsSupported;

    /// <summary>c (m, n) = bias + a·b or c += a·b; a through its strides, b (k, n) row-major; bias null for none.</summary>
    public static void Run(float* a, int rs, int cs, float* b, float* bias, float* c, int m, int k, int n, bool acc)
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            float* ai = a + (long)i * rs, ci = c + (long)i * n;
            int j = 0;
            for (; j + 24 <= n; j += 24) Kernel4x24(ai, rs, cs, b + j, n, bias == null ? null : bias + j, ci + j, n, k, acc);
            for (; j + 8 < n; j += 16) Kernel4x16(ai, rs, cs, b + j, n, bias == null ? null : bias + j, ci + j, n, k, acc, TailMask(n - j - 8));
            if (j < n) Kernel4x8(ai, rs, cs, b + j, n, bias == null ? null : bias + j, ci + j, n, k, acc, TailMask(n - j));
        }
        for (; i < m; i++)
            for (int j = 0; j < n; j += 8)
                Kernel1x8(a + (long)i * rs, cs, b + j, n, bias == null ? null : bias + j, c + (long)i * n + j, k, acc, TailMask(n - j));
    }

    // Lanes below `remaining` set (sign bit), as Avx.MaskLoad/MaskStore read them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TailMask(int remaining) =>
        remaining >= 8 ? Vector256<float>.AllBitsSet : Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(remaining)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x24(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc)
    {
        Vector256<float> c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (acc)
        {
            c00 = Avx.LoadVector256(c); c01 = Avx.LoadVector256(c + 8); c02 = Avx.LoadVector256(c + 16);
            c10 = Avx.LoadVector256(c + ldc); c11 = Avx.LoadVector256(c + ldc + 8); c12 = Avx.LoadVector256(c + ldc + 16);
            c20 = Avx.LoadVector256(c + 2 * ldc); c21 = Avx.LoadVector256(c + 2 * ldc + 8); c22 = Avx.LoadVector256(c + 2 * ldc + 16);
            c30 = Avx.LoadVector256(c + 3 * ldc); c31 = Avx.LoadVector256(c + 3 * ldc + 8); c32 = Avx.LoadVector256(c + 3 * ldc + 16);
        }
        else if (bias != null)
        {
            c00 = c10 = c20 = c30 = Avx.LoadVector256(bias);
            c01 = c11 = c21 = c31 = Avx.LoadVector256(bias + 8);
            c02 = c12 = c22 = c32 = Avx.LoadVector256(bias + 16);
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = Vector256<float>.Zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (int p = 0; p < k; p++)
        {
            long off = (long)p * cs;
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var b2 = Avx.LoadVector256(b + 16);
            b += ldb;
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01); c02 = Fma.MultiplyAdd(x, b2, c02);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11); c12 = Fma.MultiplyAdd(x, b2, c12);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21); c22 = Fma.MultiplyAdd(x, b2, c22);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31); c32 = Fma.MultiplyAdd(x, b2, c32);
        }
        Avx.Store(c, c00); Avx.Store(c + 8, c01); Avx.Store(c + 16, c02);
        Avx.Store(c + ldc, c10); Avx.Store(c + ldc + 8, c11); Avx.Store(c + ldc + 16, c12);
        Avx.Store(c + 2 * ldc, c20); Avx.Store(c + 2 * ldc + 8, c21); Avx.Store(c + 2 * ldc + 16, c22);
        Avx.Store(c + 3 * ldc, c30); Avx.Store(c + 3 * ldc + 8, c31); Avx.Store(c + 3 * ldc + 16, c32);
    }

    // Columns j..j+15 of four rows; the second 8 columns through `mask`.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x16(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc, Vector256<float> mask)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x8(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc, Vector256<float> mask)
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

    private static void Kernel1x8(float* a, int cs, float* b, int ldb, float* bias, float* c, int k, bool acc, Vector256<float> mask)
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

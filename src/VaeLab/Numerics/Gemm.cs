using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>
/// Single-precision matrix multiply for the tiny shapes of VaeLab's models. An AVX-512 register-blocked
/// kernel (4 rows x 32 columns, masked tails), its AVX2/FMA twin <see cref="GemmAvx2"/> (4 x 24) for machines
/// without AVX-512, and a TensorPrimitives fallback; <see cref="GemmNaive"/> is their test oracle.
/// </summary>
public static unsafe class Gemm
{
    [ThreadStatic] private static float[]? t_transposed;

    /// <summary>
    /// c = a·b (+ bias per row) or c += a·b. Element (i, p) of a is a[i*aRowStride + p*aColStride], so a
    /// row-major (m, k) matrix has strides (k, 1) and the transpose of a row-major (k, m) matrix has (1, m).
    /// </summary>
    /// <param name="a">left operand, m x k through the strides.</param>
    /// <param name="b">(k, n) row-major.</param>
    /// <param name="bias">length n added to every row when not accumulating; empty for none.</param>
    /// <param name="c">(m, n) row-major; overwritten unless <paramref name="accumulate"/>; must not overlap a, b or bias.</param>
    public static void MatMul(ReadOnlySpan<float> a, int aRowStride, int aColStride, ReadOnlySpan<float> b,
        ReadOnlySpan<float> bias, Span<float> c, int m, int k, int n, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) FillRows(bias, c, m, n);
            return;
        }
        long aNeeded = (long)(m - 1) * aRowStride + (long)(k - 1) * aColStride + 1;
        Validate(a.Length, aNeeded, b.Length, c.Length, bias, m, k, n);
        bool useBias = !accumulate && !bias.IsEmpty;
        if (Avx512F.IsSupported)
        {
            fixed (float* pa = a, pb = b, pc = c, pbias = bias)
                Avx512(pa, aRowStride, aColStride, pb, useBias ? pbias : null, pc, m, k, n, accumulate);
        }
        else if (GemmAvx2.IsSupported)
        {
            fixed (float* pa = a, pb = b, pc = c, pbias = bias)
                GemmAvx2.Run(pa, aRowStride, aColStride, pb, n, 1, useBias ? pbias : null, pc, m, k, n, accumulate);
        }
        else
        {
            Portable(a, aRowStride, aColStride, b, bias, c, m, k, n, accumulate);
        }
    }

    /// <summary>c = a·b (+ bias) or c += a·b with a row-major (m, k).</summary>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c,
        int m, int k, int n, bool accumulate) => MatMul(a, k, 1, b, bias, c, m, k, n, accumulate);

    /// <summary>c (+)= aᵀ·b with a row-major (k, m): the weight-gradient product xᵀ·dy.</summary>
    public static void MatMulTransA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool accumulate) => MatMul(a, 1, m, b, default, c, m, k, n, accumulate);

    /// <summary>
    /// c = a·bᵀ (+ bias per row) or c += a·bᵀ with a row-major (m, k) and <paramref name="bT"/> row-major (n, k): the
    /// input-gradient product dy·Wᵀ of a layer that stores W (in, out), without a transposed copy of W on AVX2 (the
    /// panels are packed straight from bT). Rounds exactly like <see cref="MatMul(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/> on the transpose.
    /// </summary>
    public static void MatMulTransB(ReadOnlySpan<float> a, ReadOnlySpan<float> bT, ReadOnlySpan<float> bias, Span<float> c,
        int m, int k, int n, bool accumulate) => TransB(a, bT, bias, c, m, k, n, accumulate, default);

    /// <summary>
    /// c = (a·bᵀ) ⊙ [y > 0], overwriting c: the input gradient of a layer whose input was the ReLU output
    /// <paramref name="reluOutput"/> (m, n), masked as <see cref="Activations.ReluBackward"/> does, in the same pass.
    /// </summary>
    public static void MatMulTransBReluMask(ReadOnlySpan<float> a, ReadOnlySpan<float> bT, ReadOnlySpan<float> reluOutput,
        Span<float> c, int m, int k, int n)
    {
        if (reluOutput.Length < (long)m * n)
            throw new ArgumentException($"Gemm ReLU mask: needs {m * n} elements (got {reluOutput.Length}).");
        TransB(a, bT, default, c, m, k, n, false, reluOutput[..(m * n)]);
    }

    /// <summary>c = max(a·b + bias, 0) with a row-major (m, k): a Linear layer and its ReLU in one pass, bit-identical to
    /// <see cref="MatMul(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/> then <see cref="Activations.Relu"/>.</summary>
    public static void MatMulRelu(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c, int m, int k, int n)
    {
        if (Avx512F.IsSupported || !GemmAvx2.IsSupported || m == 0 || n == 0 || k == 0)
        {
            MatMul(a, b, bias, c, m, k, n, false);
            Activations.Relu(c[..(m * n)], c[..(m * n)]);
            return;
        }
        Validate(a.Length, (long)m * k, b.Length, c.Length, bias, m, k, n);
        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
            GemmAvx2.Run(pa, k, 1, pb, n, 1, bias.IsEmpty ? null : pbias, pc, m, k, n, false, GemmEpilogue.Relu);
    }

    private static void TransB(ReadOnlySpan<float> a, ReadOnlySpan<float> bT, ReadOnlySpan<float> bias, Span<float> c,
        int m, int k, int n, bool accumulate, ReadOnlySpan<float> mask)
    {
        if (Avx512F.IsSupported || !GemmAvx2.IsSupported || m == 0 || n == 0 || k == 0)
        {
            // The AVX-512 and portable kernels read a row-major b: transpose into a per-thread buffer first.
            if (bT.Length < (long)k * n)
                throw new ArgumentException($"Gemm shapes: n={n} k={k} need bT>={k * n} (got {bT.Length}).");
            if (t_transposed == null || t_transposed.Length < k * n) t_transposed = new float[Math.Max(k * n, 4096)];
            Transpose(bT[..(k * n)], t_transposed, n, k);
            MatMul(a, k, 1, t_transposed, bias, c, m, k, n, accumulate);
            if (!mask.IsEmpty) Activations.ReluBackward(mask, c[..(m * n)], c[..(m * n)]);
            return;
        }
        Validate(a.Length, (long)m * k, bT.Length, c.Length, bias, m, k, n);
        fixed (float* pa = a, pb = bT, pc = c, pbias = bias, py = mask)
            GemmAvx2.Run(pa, k, 1, pb, 1, k, accumulate || bias.IsEmpty ? null : pbias, pc, m, k, n, accumulate,
                mask.IsEmpty ? default : GemmEpilogue.ReluMask(py, pc));
    }

    private static void Validate(int aLength, long aNeeded, int bLength, int cLength, ReadOnlySpan<float> bias, int m, int k, int n)
    {
        if (aLength < aNeeded || bLength < (long)k * n || cLength < (long)m * n || (!bias.IsEmpty && bias.Length < n))
            throw new ArgumentException($"Gemm shapes: m={m} k={k} n={n} need a>={aNeeded}, b>={k * n}, c>={m * n} (got {aLength}, {bLength}, {cLength}).");
    }

    /// <summary>dst (cols, rows) = srcᵀ for row-major src (rows, cols). Overwrites.</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        if (src.Length < (long)rows * cols || dst.Length < (long)rows * cols)
            throw new ArgumentException($"Transpose of ({rows}, {cols}) needs {rows * cols} elements (got {src.Length} and {dst.Length}).");
        fixed (float* s = src, d = dst)
        {
            // Four source rows at a time, so that each destination row gets four consecutive elements per pass.
            int i = 0;
            for (; i + 4 <= rows; i += 4)
            {
                float* s0 = s + (long)i * cols, s1 = s0 + cols, s2 = s1 + cols, s3 = s2 + cols;
                for (int j = 0; j < cols; j++)
                {
                    float* dj = d + (long)j * rows + i;
                    dj[0] = s0[j]; dj[1] = s1[j]; dj[2] = s2[j]; dj[3] = s3[j];
                }
            }
            for (; i < rows; i++)
                for (int j = 0; j < cols; j++) d[(long)j * rows + i] = s[(long)i * cols + j];
        }
    }

    private static void FillRows(ReadOnlySpan<float> bias, Span<float> c, int m, int n)
    {
        for (int i = 0; i < m; i++)
        {
            if (bias.IsEmpty) c.Slice(i * n, n).Clear();
            else bias[..n].CopyTo(c.Slice(i * n, n));
        }
    }

    private static void Portable(ReadOnlySpan<float> a, int rs, int cs, ReadOnlySpan<float> b, ReadOnlySpan<float> bias,
        Span<float> c, int m, int k, int n, bool accumulate)
    {
        if (!accumulate) FillRows(bias, c, m, n);
        for (int i = 0; i < m; i++)
        {
            Span<float> ci = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), a[i * rs + p * cs], ci, ci);
        }
    }

    private static void Avx512(float* a, int rs, int cs, float* b, float* bias, float* c, int m, int k, int n, bool acc)
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 32 <= n; j += 32) Kernel4x32(a + (long)i * rs, rs, cs, b + j, n, bias == null ? null : bias + j, c + (long)i * n + j, n, k, acc);
            for (; j < n; j += 16) Kernel4x16(a + (long)i * rs, rs, cs, b + j, n, bias == null ? null : bias + j, c + (long)i * n + j, n, k, acc, TailMask(n - j));
        }
        for (; i < m; i++)
            for (int j = 0; j < n; j += 16)
                Kernel1x16(a + (long)i * rs, cs, b + j, n, bias == null ? null : bias + j, c + (long)i * n + j, k, acc, TailMask(n - j));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TailMask(int remaining) =>
        remaining >= 16 ? Vector512<float>.AllBitsSet
            : Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(remaining)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x32(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc)
    {
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (acc)
        {
            c00 = Avx512F.LoadVector512(c); c01 = Avx512F.LoadVector512(c + 16);
            c10 = Avx512F.LoadVector512(c + ldc); c11 = Avx512F.LoadVector512(c + ldc + 16);
            c20 = Avx512F.LoadVector512(c + 2 * ldc); c21 = Avx512F.LoadVector512(c + 2 * ldc + 16);
            c30 = Avx512F.LoadVector512(c + 3 * ldc); c31 = Avx512F.LoadVector512(c + 3 * ldc + 16);
        }
        else if (bias != null)
        {
            c00 = c10 = c20 = c30 = Avx512F.LoadVector512(bias);
            c01 = c11 = c21 = c31 = Avx512F.LoadVector512(bias + 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<float>.Zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (int p = 0; p < k; p++)
        {
            long off = (long)p * cs;
            var b0 = Avx512F.LoadVector512(b);
            var b1 = Avx512F.LoadVector512(b + 16);
            b += ldb;
            var x = Vector512.Create(a0[off]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[off]);
            c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[off]);
            c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[off]);
            c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
        }
        Avx512F.Store(c, c00); Avx512F.Store(c + 16, c01);
        Avx512F.Store(c + ldc, c10); Avx512F.Store(c + ldc + 16, c11);
        Avx512F.Store(c + 2 * ldc, c20); Avx512F.Store(c + 2 * ldc + 16, c21);
        Avx512F.Store(c + 3 * ldc, c30); Avx512F.Store(c + 3 * ldc + 16, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x16(float* a, int rs, int cs, float* b, int ldb, float* bias, float* c, int ldc, int k, bool acc, Vector512<float> mask)
    {
        var zero = Vector512<float>.Zero;
        Vector512<float> c0, c1, c2, c3;
        if (acc)
        {
            c0 = Avx512F.MaskLoad(c, mask, zero); c1 = Avx512F.MaskLoad(c + ldc, mask, zero);
            c2 = Avx512F.MaskLoad(c + 2 * ldc, mask, zero); c3 = Avx512F.MaskLoad(c + 3 * ldc, mask, zero);
        }
        else if (bias != null)
        {
            c0 = c1 = c2 = c3 = Avx512F.MaskLoad(bias, mask, zero);
        }
        else
        {
            c0 = c1 = c2 = c3 = zero;
        }
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (int p = 0; p < k; p++)
        {
            long off = (long)p * cs;
            var b0 = Avx512F.MaskLoad(b, mask, zero);
            b += ldb;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a0[off]), b0, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a1[off]), b0, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a2[off]), b0, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a3[off]), b0, c3);
        }
        Avx512F.MaskStore(c, mask, c0); Avx512F.MaskStore(c + ldc, mask, c1);
        Avx512F.MaskStore(c + 2 * ldc, mask, c2); Avx512F.MaskStore(c + 3 * ldc, mask, c3);
    }

    private static void Kernel1x16(float* a, int cs, float* b, int ldb, float* bias, float* c, int k, bool acc, Vector512<float> mask)
    {
        var zero = Vector512<float>.Zero;
        Vector512<float> c0 = acc ? Avx512F.MaskLoad(c, mask, zero) : bias != null ? Avx512F.MaskLoad(bias, mask, zero) : zero;
        for (int p = 0; p < k; p++)
        {
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[(long)p * cs]), Avx512F.MaskLoad(b, mask, zero), c0);
            b += ldb;
        }
        Avx512F.MaskStore(c, mask, c0);
    }
}

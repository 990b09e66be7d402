using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Tests.Numerics;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        // Column counts cover every panel split (8, 16 and 24 wide, a partial last vector) and row counts every tail
        // of the 4- and 6-row kernels.
        int[] sizes = [1, 3, 7, 8, 9, 12, 16, 17, 23, 24, 25, 31, 32, 33, 47, 100, 128, 200, 201];
        foreach (int m in new[] { 1, 3, 4, 5, 7, 9, 100 })
            foreach (int k in new[] { 1, 3, 8, 9, 21 })
                foreach (int n in sizes) data.Add(m, k, n);
        data.Add(100, 200, 200);
        data.Add(200, 100, 201);
        data.Add(128, 100, 128);
        data.Add(100, 128, 16);
        data.Add(25, 24, 23);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fast_kernel_matches_naive_twin(int m, int k, int n)
    {
        var rng = new Xoshiro256StarStar((ulong)(m * 10007 + k * 101 + n));
        float[] a = Fill(rng, m * k), aT = new float[k * m], b = Fill(rng, k * n), bias = Fill(rng, n);
        Gemm.Transpose(a, aT, m, k);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] start = Fill(rng, m * n);
            float[] fast = (float[])start.Clone(), naive = (float[])start.Clone();
            Gemm.MatMul(a, b, bias, fast, m, k, n, accumulate);
            GemmNaive.MatMul(a, k, 1, b, bias, naive, m, k, n, accumulate);
            AssertClose(naive, fast, k);

            float[] fastT = (float[])start.Clone(), naiveT = (float[])start.Clone();
            Gemm.MatMulTransA(aT, b, fastT, m, k, n, accumulate);
            GemmNaive.MatMul(aT, 1, m, b, default, naiveT, m, k, n, accumulate);
            AssertClose(naiveT, fastT, k);

            float[] bT = new float[n * k], fastB = (float[])start.Clone(), naiveB = (float[])start.Clone();
            Gemm.Transpose(b, bT, k, n);
            Gemm.MatMulTransB(a, bT, bias, fastB, m, k, n, accumulate);
            GemmNaive.MatMulTransB(a, bT, bias, naiveB, m, k, n, accumulate);
            AssertClose(naiveB, fastB, k);
        }
    }

    [Theory]
    [InlineData(100, 16, 128)]
    [InlineData(100, 128, 128)]
    [InlineData(100, 128, 16)]
    [InlineData(7, 21, 45)]
    [InlineData(9, 8, 201)]
    [InlineData(13, 9, 40)]
    [InlineData(100, 128, 6)]
    [InlineData(17, 5, 8)]
    public void Vector_kernels_round_like_one_fused_multiply_add_per_p_in_order(int m, int k, int n)
    {
        // Both SIMD kernels (AVX-512 and AVX2) start from the bias and add a[i,p]·b[p,j] with one FMA per p, p = 0..k-1;
        // so they agree bit for bit with each other and with this scalar loop (the portable fallback rounds differently).
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported && !(System.Runtime.Intrinsics.X86.Avx.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported)) return;
        var rng = new Xoshiro256StarStar(77);
        float[] a = Fill(rng, m * k), b = Fill(rng, k * n), bias = Fill(rng, n), c = new float[m * n];
        Gemm.MatMul(a, b, bias, c, m, k, n, accumulate: false);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = bias[j];
                for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(a[i * k + p], b[p * n + j], sum);
                Assert.Equal(BitConverter.SingleToInt32Bits(sum), BitConverter.SingleToInt32Bits(c[i * n + j]));
            }
    }

    [Theory]
    [InlineData(100, 200, 200)]
    [InlineData(100, 128, 16)]
    [InlineData(9, 25, 201)]
    [InlineData(7, 21, 45)]
    public void Transposed_b_gives_the_same_bits_as_the_row_major_product(int m, int k, int n)
    {
        var rng = new Xoshiro256StarStar(78);
        float[] a = Fill(rng, m * k), b = Fill(rng, k * n), bT = new float[n * k], bias = Fill(rng, n);
        Gemm.Transpose(b, bT, k, n);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] start = Fill(rng, m * n), direct = (float[])start.Clone(), viaT = (float[])start.Clone();
            Gemm.MatMul(a, b, bias, direct, m, k, n, accumulate);
            Gemm.MatMulTransB(a, bT, bias, viaT, m, k, n, accumulate);
            Assert.Equal(direct, viaT);
        }
    }

    [Theory]
    [InlineData(100, 200, 200)]
    [InlineData(128, 100, 128)]
    [InlineData(100, 128, 16)]
    [InlineData(21, 100, 21)]
    [InlineData(9, 16, 201)]
    [InlineData(7, 3, 6)]
    [InlineData(13, 9, 40)]
    public void Fused_relu_and_relu_mask_give_the_bits_of_the_separate_passes(int m, int k, int n)
    {
        var rng = new Xoshiro256StarStar(79);
        float[] a = Fill(rng, m * k), b = Fill(rng, k * n), bT = new float[n * k], bias = Fill(rng, n), y = Fill(rng, m * n);
        // Special values: a zero row of a with a -0 bias gives -0 where b is negative, a NaN bias a NaN column; y has
        // zeros of both signs and a NaN, which the mask must treat as "not > 0".
        for (int p = 0; p < k; p++) a[p] = 0;
        bias[0] = -0f;
        bias[n - 1] = float.NaN;
        y[0] = -0f; y[m * n - 1] = 0f; y[m * n / 2] = float.NaN;
        Gemm.Transpose(b, bT, k, n);

        float[] separate = new float[m * n], fused = new float[m * n];
        Gemm.MatMul(a, b, bias, separate, m, k, n, accumulate: false);
        Activations.Relu(separate, separate);
        Gemm.MatMulRelu(a, b, bias, fused, m, k, n);
        Assert.Equal(separate.Select(BitConverter.SingleToInt32Bits), fused.Select(BitConverter.SingleToInt32Bits));

        float[] dx = Fill(rng, m * n), dxFused = Fill(rng, m * n);
        Gemm.MatMulTransB(a, bT, default, dx, m, k, n, accumulate: false);
        Activations.ReluBackward(y, dx, dx);
        Gemm.MatMulTransBReluMask(a, bT, y, dxFused, m, k, n);
        Assert.Equal(dx.Select(BitConverter.SingleToInt32Bits), dxFused.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(100, 200, 200, false)] // packed: 100 rows of a reuse every panel of 200 rows
    [InlineData(21, 100, 200, false)] // a row tail of one (21 = 5 x 4 + 1); full panels only (200 = 7 x 24 + 16 + 16)
    [InlineData(33, 50, 45, false)] // a partial last panel (21 of 24 columns) and a row tail, packed
    [InlineData(128, 100, 128, false)]
    [InlineData(20, 40, 64, false)]
    [InlineData(100, 200, 21, true)] // b is one panel: read in place, its partial panel packed alone
    [InlineData(100, 16, 128, true)] // panels of 16 rows
    [InlineData(16, 100, 128, true)] // b used by 16 rows of a only
    [InlineData(13, 100, 47, true)] // in place with a partial last panel (23 of 24) and row tails
    [InlineData(100, 128, 16, true)]
    [InlineData(9, 33, 64, true)]
    [InlineData(7, 5, 3, true)]
    [InlineData(8, 40, 17, true)] // one edge panel of each width 17-23 (the 4 x 24 kernel's edge instantiation)
    [InlineData(12, 9, 18, true)]
    [InlineData(16, 33, 19, true)]
    [InlineData(100, 64, 20, true)] // the linear family's latent
    [InlineData(20, 7, 22, true)]
    [InlineData(36, 40, 44, false)] // packed, 24 + 20
    [InlineData(40, 40, 41, false)] // packed, 24 + 17
    public void Row_major_b_in_place_or_packed_rounds_like_one_fused_multiply_add_per_p(int m, int k, int n, bool inPlace)
    {
        // Both paths of the AVX2 kernel (b read with its row stride, or packed) and the fused epilogues, with and without
        // accumulation, against the scalar chain of FMAs that every SIMD kernel reproduces bit for bit.
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported && !GemmAvx2.IsSupported) return;
        Assert.Equal(inPlace, GemmAvx2.ReadInPlace(m, k, n, n));
        var rng = new Xoshiro256StarStar((ulong)(m * 7919 + k * 31 + n));
        float[] a = Fill(rng, m * k), aT = new float[k * m], b = Fill(rng, k * n), bias = Fill(rng, n), start = Fill(rng, m * n);
        Gemm.Transpose(a, aT, m, k);
        float[] withBias = new float[m * n], accumulated = (float[])start.Clone(), transA = (float[])start.Clone(), relu = new float[m * n];
        Gemm.MatMul(a, b, bias, withBias, m, k, n, accumulate: false);
        Gemm.MatMul(a, b, bias, accumulated, m, k, n, accumulate: true);
        Gemm.MatMulTransA(aT, b, transA, m, k, n, accumulate: true);
        Gemm.MatMulRelu(a, b, bias, relu, m, k, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float fromBias = bias[j], fromC = start[i * n + j];
                for (int p = 0; p < k; p++)
                {
                    fromBias = MathF.FusedMultiplyAdd(a[i * k + p], b[p * n + j], fromBias);
                    fromC = MathF.FusedMultiplyAdd(a[i * k + p], b[p * n + j], fromC);
                }
                Assert.Equal(BitConverter.SingleToInt32Bits(fromBias), BitConverter.SingleToInt32Bits(withBias[i * n + j]));
                Assert.Equal(BitConverter.SingleToInt32Bits(fromC), BitConverter.SingleToInt32Bits(accumulated[i * n + j]));
                Assert.Equal(BitConverter.SingleToInt32Bits(fromC), BitConverter.SingleToInt32Bits(transA[i * n + j]));
                Assert.Equal(BitConverter.SingleToInt32Bits(fromBias > 0 || float.IsNaN(fromBias) ? fromBias : 0f),
                    BitConverter.SingleToInt32Bits(relu[i * n + j]));
            }
        if (!GemmAvx2.IsSupported) return;
        // The AVX2 kernel itself as well (Gemm.* takes the AVX-512 one where there is one), with guard cells around c.
        Assert.Equal(Bits(withBias), Bits(Avx2Direct(a, b, bias, null, m, k, n, relu: false)));
        Assert.Equal(Bits(accumulated), Bits(Avx2Direct(a, b, bias, start, m, k, n, relu: false)));
        Assert.Equal(Bits(relu), Bits(Avx2Direct(a, b, bias, null, m, k, n, relu: true)));
    }

    [Theory]
    [InlineData(21, 100, 21)]
    [InlineData(100, 64, 20)]
    [InlineData(36, 40, 44)]
    [InlineData(13, 100, 47)]
    [InlineData(100, 128, 128)]
    public unsafe void Transposed_b_with_the_relu_mask_rounds_like_one_fused_multiply_add_per_p(int m, int k, int n)
    {
        // The input-gradient product dy·Wᵀ with the ReLU backward mask, through the AVX2 kernel itself (b packed from its
        // transpose, edge panels included), against the scalar FMA chain; guard cells around c.
        if (!GemmAvx2.IsSupported) return;
        var rng = new Xoshiro256StarStar((ulong)(m * 31 + k * 7 + n));
        float[] a = Fill(rng, m * k), bT = Fill(rng, n * k), y = Fill(rng, m * n);
        const int Guard = 24;
        float[] c = Enumerable.Repeat(42f, m * n + 2 * Guard).ToArray();
        fixed (float* pa = a, pb = bT, py = y, pc = c)
            GemmAvx2.Run(pa, k, 1, pb, 1, k, null, pc + Guard, m, k, n, false, GemmEpilogue.ReluMask(py, pc + Guard));
        Assert.All(c[..Guard], v => Assert.Equal(42f, v));
        Assert.All(c[(Guard + m * n)..], v => Assert.Equal(42f, v));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(a[i * k + p], bT[j * k + p], sum);
                float expected = y[i * n + j] > 0 ? sum : 0f;
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(c[Guard + i * n + j]));
            }
    }

    // GemmAvx2.Run on a row-major a and b into c (from bias, or accumulating onto start), checking that the 24 cells on
    // either side of c are untouched.
    private static unsafe float[] Avx2Direct(float[] a, float[] b, float[] bias, float[]? start, int m, int k, int n, bool relu)
    {
        const int Guard = 24;
        float[] c = Enumerable.Repeat(42f, m * n + 2 * Guard).ToArray();
        start?.CopyTo(c, Guard);
        fixed (float* pa = a, pb = b, pBias = bias, pc = c)
            GemmAvx2.Run(pa, k, 1, pb, n, 1, start == null ? pBias : null, pc + Guard, m, k, n, acc: start != null,
                relu ? GemmEpilogue.Relu : default);
        Assert.All(c[..Guard], v => Assert.Equal(42f, v));
        Assert.All(c[(Guard + m * n)..], v => Assert.Equal(42f, v));
        return c[Guard..(Guard + m * n)];
    }

    private static int[] Bits(float[] x) => [.. x.Select(BitConverter.SingleToInt32Bits)];

    [Fact]
    public void Kernel_does_not_write_outside_its_rows()
    {
        var rng = new Xoshiro256StarStar(9);
        float[] a = Fill(rng, 5 * 3), b = Fill(rng, 3 * 7);
        float[] c = Enumerable.Repeat(42f, 5 * 7 + 9).ToArray();
        Gemm.MatMul(a, b, default, c, 5, 3, 7, accumulate: false);
        Assert.All(c[35..], v => Assert.Equal(42f, v));
        float[] bT = Fill(rng, 7 * 3), c2 = Enumerable.Repeat(42f, 5 * 7 + 9).ToArray();
        Gemm.MatMulTransB(a, bT, default, c2, 5, 3, 7, accumulate: false);
        Assert.All(c2[35..], v => Assert.Equal(42f, v));
    }

    [Fact]
    public void Transpose_round_trips()
    {
        var rng = new Xoshiro256StarStar(1);
        float[] x = Fill(rng, 7 * 3), t = new float[21], back = new float[21];
        Gemm.Transpose(x, t, 7, 3);
        Gemm.Transpose(t, back, 3, 7);
        Assert.Equal(x, back);
        Assert.Equal(x[1 * 3 + 2], t[2 * 7 + 1]);
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(x[i * 3 + j], t[j * 7 + i]);
    }

    internal static float[] Fill(Xoshiro256StarStar rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)rng.NextNormal();
        return x;
    }

    private static void AssertClose(float[] expected, float[] actual, int k)
    {
        double tolerance = 1e-5 * (k + 2);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"index {i}: {expected[i]} vs {actual[i]}");
    }
}

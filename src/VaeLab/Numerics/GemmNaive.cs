namespace VaeLab.Numerics;

/// <summary>The slow, obviously correct twin of <see cref="Gemm"/>: triple loop, double accumulation.</summary>
public static class GemmNaive
{
    /// <summary>Same contract as <see cref="Gemm.MatMul(ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/>.</summary>
    public static void MatMul(ReadOnlySpan<float> a, int aRowStride, int aColStride, ReadOnlySpan<float> b,
        ReadOnlySpan<float> bias, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : bias.IsEmpty ? 0 : bias[j];
                for (int p = 0; p < k; p++) sum += (double)a[i * aRowStride + p * aColStride] * b[p * n + j];
                c[i * n + j] = (float)sum;
            }
    }

    /// <summary>Same contract as <see cref="Gemm.MatMulTransB"/>: c (+)= a·bᵀ, a (m, k) and bT (n, k) row-major.</summary>
    public static void MatMulTransB(ReadOnlySpan<float> a, ReadOnlySpan<float> bT, ReadOnlySpan<float> bias, Span<float> c,
        int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : bias.IsEmpty ? 0 : bias[j];
                for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * bT[j * k + p];
                c[i * n + j] = (float)sum;
            }
    }
}

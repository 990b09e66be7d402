using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>Elementwise activations and their backward passes over spans.</summary>
public static class Activations
{
    /// <summary>y = max(x, 0). Overwrites y; x and y may alias.</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <summary>dx = dy where y > 0, else 0 (y is the ReLU output). Overwrites dx; dy and dx may alias.</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= y.Length; i += 16)
            {
                var keep = Vector512.GreaterThan(Vector512.Create(y.Slice(i, 16)), Vector512<float>.Zero);
                Vector512.ConditionalSelect(keep, Vector512.Create(dy.Slice(i, 16)), Vector512<float>.Zero).CopyTo(dx.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= y.Length; i += 8)
            {
                var keep = Vector256.GreaterThan(Vector256.Create(y.Slice(i, 8)), Vector256<float>.Zero);
                Vector256.ConditionalSelect(keep, Vector256.Create(dy.Slice(i, 8)), Vector256<float>.Zero).CopyTo(dx.Slice(i, 8));
            }
        }
        ReluBackwardScalar(y[i..], dy[i..], dx[i..]);
    }

    /// <summary>The scalar twin of <see cref="ReluBackward"/>.</summary>
    public static void ReluBackwardScalar(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0f ? dy[i] : 0f;
    }

    /// <summary>
    /// db[j] += sum over rows of dy[i, j] for row-major dy (rows, cols). Accumulates. Each column is summed in row order
    /// starting from db[j] (as <see cref="AddColumnSumsScalar"/>), so the bits do not depend on the vector width: up to
    /// four blocks of eight columns are held in registers while the rows stream past (independent add chains), the last
    /// block masked (Avx.MaskLoad/MaskStore) when cols is not a multiple of eight.
    /// </summary>
    public static unsafe void AddColumnSums(ReadOnlySpan<float> dy, Span<float> db, int rows, int cols)
    {
        if (dy.Length < rows * cols || db.Length < cols)
            throw new ArgumentException($"AddColumnSums needs dy of {rows}x{cols} and db of {cols} (got {dy.Length} and {db.Length}).");
        if (!Avx.IsSupported || cols == 0)
        {
            AddColumnSumsScalar(dy, db, rows, cols);
            return;
        }
        fixed (float* d = dy, b = db)
        {
            for (int j = 0; j < cols; j += 32)
            {
                int blocks = Math.Min(4, (cols - j + 7) / 8);
                Vector256<float> m0 = Mask(cols - j), m1 = Mask(cols - j - 8), m2 = Mask(cols - j - 16), m3 = Mask(cols - j - 24);
                float* bj = b + j;
                var a0 = Avx.MaskLoad(bj, m0);
                var a1 = Avx.MaskLoad(bj + 8, m1);
                var a2 = Avx.MaskLoad(bj + 16, m2);
                var a3 = Avx.MaskLoad(bj + 24, m3);
                for (int i = 0; i < rows; i++)
                {
                    float* p = d + (long)i * cols + j;
                    a0 += Avx.MaskLoad(p, m0);
                    if (blocks > 1) a1 += Avx.MaskLoad(p + 8, m1);
                    if (blocks > 2) a2 += Avx.MaskLoad(p + 16, m2);
                    if (blocks > 3) a3 += Avx.MaskLoad(p + 24, m3);
                }
                Avx.MaskStore(bj, m0, a0);
                Avx.MaskStore(bj + 8, m1, a1);
                Avx.MaskStore(bj + 16, m2, a2);
                Avx.MaskStore(bj + 24, m3, a3);
            }
        }
    }

    // Lanes below `remaining` set; none when remaining <= 0 (a masked load then reads nothing, a masked store writes nothing).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int remaining) =>
        Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(remaining)).AsSingle();

    /// <summary>The scalar twin of <see cref="AddColumnSums"/>: row by row, in order.</summary>
    public static void AddColumnSumsScalar(ReadOnlySpan<float> dy, Span<float> db, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) db[j] += dy[i * cols + j];
    }
}

using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

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

    /// <summary>db[j] += sum over rows of dy[i, j] for row-major dy (rows, cols). Accumulates.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> dy, Span<float> db, int rows, int cols)
    {
        for (int i = 0; i < rows; i++) TensorPrimitives.Add(db, dy.Slice(i * cols, cols), db);
    }
}

using System.Numerics.Tensors;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// db[j] += sum over rows of dy[i, j] for row-major dy (rows, cols). Accumulates. Each column is summed in row order
    /// starting from db[j] (as <see cref="AddColumnSumsScalar"/>), eight columns at a time held in a register, so the
    /// bits do not depend on the vector width.
    /// </summary>
    public static void AddColumnSums(ReadOnlySpan<float> dy, Span<float> db, int rows, int cols)
    {
        if (dy.Length < rows * cols || db.Length < cols)
            throw new ArgumentException($"AddColumnSums needs dy of {rows}x{cols} and db of {cols} (got {dy.Length} and {db.Length}).");
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float d = ref MemoryMarshal.GetReference(dy);
            ref float b = ref MemoryMarshal.GetReference(db);
            for (; j + 8 <= cols; j += 8)
            {
                var acc = Vector256.LoadUnsafe(ref b, (nuint)j);
                for (int i = 0; i < rows; i++) acc += Vector256.LoadUnsafe(ref d, (nuint)(i * cols + j));
                acc.StoreUnsafe(ref b, (nuint)j);
            }
        }
        for (; j < cols; j++)
        {
            float acc = db[j];
            for (int i = 0; i < rows; i++) acc += dy[i * cols + j];
            db[j] = acc;
        }
    }

    /// <summary>The scalar twin of <see cref="AddColumnSums"/>: row by row, in order.</summary>
    public static void AddColumnSumsScalar(ReadOnlySpan<float> dy, Span<float> db, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) db[j] += dy[i * cols + j];
    }
}

using System.Numerics;

namespace VaeLab.Numerics;

/// <summary>
/// Scaled squared Euclidean distances between the points of two samples, a block of rows at a time, for the kernel sums of
/// MMD². Each lane of a <see cref="Vector{T}"/> sums its coordinates in order, in float, so every distance is the float the
/// scalar twin (<see cref="Tail"/>) gives.
/// </summary>
public static class PairwiseDistances
{
    /// <summary>Rows handled together by the vector path.</summary>
    public const int Block = 4;

    /// <summary>
    /// rows[r * stride + j] = -gamma ‖a_(i+r) − b_j‖² for r &lt; <paramref name="count"/> and <paramref name="from"/> &lt;= j &lt;
    /// <paramref name="nb"/>, with a row-major (points x <paramref name="dim"/>) and bt the transposed second sample
    /// (<paramref name="dim"/> x <paramref name="nb"/>): four rows at a time, then one at a time.
    /// </summary>
    public static void ScaledSquared(float[] a, int i, int count, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> rows, int stride, int from)
    {
        int r = 0;
        for (; r + Block <= count; r += Block)
            ExponentsOfFour(a.AsSpan((i + r) * dim, Block * dim), bt, nb, dim, gamma, rows[(r * stride)..], stride, from);
        for (; r < count; r++)
            ExponentsOfOne(a.AsSpan((i + r) * dim, dim), bt, nb, dim, gamma, rows.Slice(r * stride, nb), from);
    }

    // Four rows; each distance is summed over the coordinates in order, in float, lane by lane.
    private static void ExponentsOfFour(ReadOnlySpan<float> a, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> rows, int stride, int from)
    {
        int width = Vector<float>.Count, vectorEnd = from + (nb - from) / width * width;
        var scale = new Vector<float>(-gamma);
        for (int j = from; j < vectorEnd; j += width)
        {
            Vector<float> d0 = Vector<float>.Zero, d1 = Vector<float>.Zero, d2 = Vector<float>.Zero, d3 = Vector<float>.Zero;
            for (int k = 0; k < dim; k++)
            {
                var bk = new Vector<float>(bt.Slice(k * nb + j, width));
                var t0 = new Vector<float>(a[k]) - bk;
                var t1 = new Vector<float>(a[dim + k]) - bk;
                var t2 = new Vector<float>(a[2 * dim + k]) - bk;
                var t3 = new Vector<float>(a[3 * dim + k]) - bk;
                d0 += t0 * t0;
                d1 += t1 * t1;
                d2 += t2 * t2;
                d3 += t3 * t3;
            }
            (scale * d0).CopyTo(rows.Slice(j, width));
            (scale * d1).CopyTo(rows.Slice(stride + j, width));
            (scale * d2).CopyTo(rows.Slice(2 * stride + j, width));
            (scale * d3).CopyTo(rows.Slice(3 * stride + j, width));
        }
        for (int r = 0; r < Block; r++) Tail(a.Slice(r * dim, dim), bt, nb, dim, gamma, rows.Slice(r * stride, nb), vectorEnd);
    }

    private static void ExponentsOfOne(ReadOnlySpan<float> ai, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> row, int from)
    {
        int width = Vector<float>.Count, vectorEnd = from + (nb - from) / width * width;
        var scale = new Vector<float>(-gamma);
        for (int j = from; j < vectorEnd; j += width)
        {
            var d2 = Vector<float>.Zero;
            for (int k = 0; k < dim; k++)
            {
                var t = new Vector<float>(ai[k]) - new Vector<float>(bt.Slice(k * nb + j, width));
                d2 += t * t;
            }
            (scale * d2).CopyTo(row.Slice(j, width));
        }
        Tail(ai, bt, nb, dim, gamma, row, vectorEnd);
    }

    /// <summary>The scalar twin: columns <paramref name="from"/> to <paramref name="nb"/> of one row, one at a time with the same arithmetic.</summary>
    public static void Tail(ReadOnlySpan<float> ai, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> row, int from)
    {
        for (int j = from; j < nb; j++)
        {
            float d2 = 0;
            for (int k = 0; k < dim; k++)
            {
                float t = ai[k] - bt[k * nb + j];
                d2 += t * t;
            }
            row[j] = -gamma * d2;
        }
    }
}

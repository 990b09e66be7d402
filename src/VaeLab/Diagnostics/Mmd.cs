using System.Numerics;
using System.Numerics.Tensors;

namespace VaeLab.Diagnostics;

/// <summary>
/// Squared maximum mean discrepancy with a Gaussian kernel k(x, y) = exp(-‖x - y‖^2 / (2 h^2)), the
/// unbiased U-statistic of Gretton et al. (2012). h is the median pairwise distance of the pooled sample.
/// </summary>
/// <remarks>
/// The kernel sums go one row of the kernel matrix at a time: the squared distances of x_i to every y_j, computed in
/// float with each lane of a <see cref="Vector{T}"/> summing its coordinates in order (so each distance is the same float
/// a scalar loop gives), then a vectorized exp and the row's float sum, accumulated in double. Only a row and a transposed
/// copy of y are held: nothing n x n is allocated.
/// </remarks>
public static class Mmd
{
    private const int BandwidthPoints = 500, Block = 4;

    /// <summary>Median pairwise distance over at most 500 points of each sample (pooled).</summary>
    public static double MedianBandwidth(float[] x, float[] y, int dim)
    {
        int nx = Math.Min(BandwidthPoints, x.Length / dim), ny = Math.Min(BandwidthPoints, y.Length / dim);
        var pooled = new float[(nx + ny) * dim];
        x.AsSpan(0, nx * dim).CopyTo(pooled);
        y.AsSpan(0, ny * dim).CopyTo(pooled.AsSpan(nx * dim));
        int count = nx + ny;
        var distances = new double[count * (count - 1) / 2];
        int next = 0;
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
                distances[next++] = TensorPrimitives.Distance(pooled.AsSpan(i * dim, dim), pooled.AsSpan(j * dim, dim));
        double median = distances.Length == 0 ? 1 : OrderStatistic.Select(distances, distances.Length / 2);
        return median > 0 ? median : 1;
    }

    /// <summary>Unbiased MMD^2 between row-major samples x (nx, dim) and y (ny, dim) at bandwidth h.</summary>
    public static double Squared(float[] x, float[] y, int dim, double bandwidth)
    {
        int nx = x.Length / dim, ny = y.Length / dim;
        float gamma = (float)(1.0 / (2 * bandwidth * bandwidth));
        var rows = new float[Block * Math.Max(nx, ny)];
        var transposed = new float[Math.Max(nx, ny) * dim];
        double kxx = SumKernel(x, x, dim, gamma, true, transposed, rows);
        double kyy = SumKernel(y, y, dim, gamma, true, transposed, rows);
        double kxy = SumKernel(x, y, dim, gamma, false, transposed, rows);
        return kxx / (nx * (nx - 1.0)) + kyy / (ny * (ny - 1.0)) - 2 * kxy / ((double)nx * ny);
    }

    // Σ_i Σ_j k(a_i, b_j) (the diagonal left out when a and b are the same sample), four rows of the kernel matrix at a time.
    private static double SumKernel(float[] a, float[] b, int dim, float gamma, bool sameExcludingDiagonal, float[] transposed, float[] rows)
    {
        int na = a.Length / dim, nb = b.Length / dim;
        var bt = transposed.AsSpan(0, nb * dim);
        for (int j = 0; j < nb; j++)
            for (int k = 0; k < dim; k++) bt[k * nb + j] = b[j * dim + k];
        double total = 0;
        for (int i = 0; i < na; i += Block)
        {
            int count = Math.Min(Block, na - i);
            if (count == Block) ExponentsOfFour(a.AsSpan(i * dim, Block * dim), bt, nb, dim, gamma, rows);
            else
                for (int r = 0; r < count; r++) ExponentsOfOne(a.AsSpan((i + r) * dim, dim), bt, nb, dim, gamma, rows.AsSpan(r * nb, nb));
            for (int r = 0; r < count; r++)
            {
                var row = rows.AsSpan(r * nb, nb);
                TensorPrimitives.Exp(row, row);
                total += TensorPrimitives.Sum(row);
                if (sameExcludingDiagonal) total -= 1.0;
            }
        }
        return total;
    }

    // rows[r * nb + j] = -gamma ‖a_r - b_j‖² for r < 4, each distance summed over the coordinates in order, in float.
    private static void ExponentsOfFour(ReadOnlySpan<float> a, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> rows)
    {
        int width = Vector<float>.Count, vectorEnd = nb - nb % width;
        var scale = new Vector<float>(-gamma);
        for (int j = 0; j < vectorEnd; j += width)
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
            (scale * d1).CopyTo(rows.Slice(nb + j, width));
            (scale * d2).CopyTo(rows.Slice(2 * nb + j, width));
            (scale * d3).CopyTo(rows.Slice(3 * nb + j, width));
        }
        for (int r = 0; r < Block; r++) Tail(a.Slice(r * dim, dim), bt, nb, dim, gamma, rows.Slice(r * nb, nb), vectorEnd);
    }

    private static void ExponentsOfOne(ReadOnlySpan<float> ai, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> row)
    {
        int width = Vector<float>.Count, vectorEnd = nb - nb % width;
        var scale = new Vector<float>(-gamma);
        for (int j = 0; j < vectorEnd; j += width)
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

    // The columns past the last full vector, one at a time with the same arithmetic.
    private static void Tail(ReadOnlySpan<float> ai, ReadOnlySpan<float> bt, int nb, int dim, float gamma, Span<float> row, int from)
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

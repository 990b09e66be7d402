using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using VaeLab.Numerics;

namespace VaeLab.Diagnostics;

/// <summary>
/// Squared maximum mean discrepancy with a Gaussian kernel k(x, y) = exp(-‖x - y‖^2 / (2 h^2)), the
/// unbiased U-statistic of Gretton et al. (2012). h is the median pairwise distance of the pooled sample.
/// </summary>
/// <remarks>
/// The kernel sums go one row of the kernel matrix at a time: the squared distances of x_i to every y_j, computed in
/// float with each lane of a <see cref="Vector{T}"/> summing its coordinates in order (so each distance is the same float
/// a scalar loop gives), then a vectorized exp and the row's float sum, accumulated in double. For k(x, x) and k(y, y) of
/// at most 2,048 points the kernel matrix is held (a pooled buffer, reused) and each entry below the diagonal is copied from
/// its mirror image, the same float, so half the exps are saved and every row sum is still the one a whole row gives.
/// </remarks>
public static class Mmd
{
    private const int BandwidthPoints = 500, Block = PairwiseDistances.Block, Tile = 64, MaxSymmetric = 2048;

    /// <summary>Median pairwise distance over at most 500 points of each sample (pooled).</summary>
    public static double MedianBandwidth(float[] x, float[] y, int dim)
    {
        int nx = Math.Min(BandwidthPoints, x.Length / dim), ny = Math.Min(BandwidthPoints, y.Length / dim);
        var pooled = new float[(nx + ny) * dim];
        x.AsSpan(0, nx * dim).CopyTo(pooled);
        y.AsSpan(0, ny * dim).CopyTo(pooled.AsSpan(nx * dim));
        int count = nx + ny;
        int pairs = count * (count - 1) / 2;
        if (pairs == 0) return 1;
        var distances = new double[pairs];
        int next = 0;
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
                distances[next++] = TensorPrimitives.Distance(pooled.AsSpan(i * dim, dim), pooled.AsSpan(j * dim, dim));
        double median = OrderStatistic.Select(distances, pairs / 2);
        return median > 0 ? median : 1;
    }

    /// <summary>Unbiased MMD^2 between row-major samples x (nx, dim) and y (ny, dim) at bandwidth h.</summary>
    public static double Squared(float[] x, float[] y, int dim, double bandwidth)
    {
        int nx = x.Length / dim, ny = y.Length / dim, most = Math.Max(nx, ny);
        float gamma = (float)(1.0 / (2 * bandwidth * bandwidth));
        var transposed = new float[most * dim];
        int held = Math.Max(nx <= MaxSymmetric ? nx * nx : 0, ny <= MaxSymmetric ? ny * ny : 0);
        var matrix = ArrayPool<float>.Shared.Rent(Math.Max(Block * most, held));
        try
        {
            double kxx = SumKernelSymmetric(x, dim, gamma, transposed, matrix);
            double kyy = SumKernelSymmetric(y, dim, gamma, transposed, matrix);
            double kxy = SumKernel(x, y, dim, gamma, false, transposed, matrix);
            return kxx / (nx * (nx - 1.0)) + kyy / (ny * (ny - 1.0)) - 2 * kxy / ((double)nx * ny);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(matrix);
        }
    }

    // Σ_i Σ_j k(a_i, b_j) (the diagonal left out when a and b are the same sample), four rows of the kernel matrix at a time.
    private static double SumKernel(float[] a, float[] b, int dim, float gamma, bool sameExcludingDiagonal, float[] transposed, float[] rows)
    {
        int na = a.Length / dim, nb = b.Length / dim;
        var bt = Transpose(b, dim, transposed);
        double total = 0;
        for (int i = 0; i < na; i += Block)
        {
            int count = Math.Min(Block, na - i);
            PairwiseDistances.ScaledSquared(a, i, count, bt, nb, dim, gamma, rows.AsSpan(0, count * nb), nb, 0);
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

    // Σ_{i != j} k(a_i, a_j) with the full kernel matrix in memory, each row summed whole as in SumKernel, but each entry
    // below the diagonal tile copied from its mirror image above (the same float: ‖a_i - a_j‖² is computed with the
    // coordinate differences negated, squared alike). Row tiles of 64; every exp runs over a segment of at least 64 entries,
    // so on the same vector path as a whole row.
    private static double SumKernelSymmetric(float[] a, int dim, float gamma, float[] transposed, float[] matrix)
    {
        int na = a.Length / dim;
        if (na < Tile || na > MaxSymmetric || na * na > matrix.Length) return SumKernel(a, a, dim, gamma, true, transposed, matrix);
        var at = Transpose(a, dim, transposed);
        double total = 0;
        for (int i0 = 0; i0 < na; i0 += Tile)
        {
            int i1 = Math.Min(na, i0 + Tile), from = Math.Min(i0, na - Tile);
            for (int i = i0; i < i1; i += Block)
            {
                int count = Math.Min(Block, i1 - i);
                PairwiseDistances.ScaledSquared(a, i, count, at, na, dim, gamma, matrix.AsSpan(i * na, count * na), na, from);
                for (int r = 0; r < count; r++)
                {
                    var segment = matrix.AsSpan((i + r) * na + from, na - from);
                    TensorPrimitives.Exp(segment, segment);
                }
            }
            for (int j0 = 0; j0 < from; j0 += Tile)
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < Math.Min(j0 + Tile, from); j++) matrix[i * na + j] = matrix[j * na + i];
            for (int i = i0; i < i1; i++)
            {
                total += TensorPrimitives.Sum(matrix.AsSpan(i * na, na));
                total -= 1.0;
            }
        }
        return total;
    }

    // b (count, dim) as (dim, count) in the front of buffer.
    private static ReadOnlySpan<float> Transpose(float[] b, int dim, float[] buffer)
    {
        int count = b.Length / dim;
        var bt = buffer.AsSpan(0, count * dim);
        for (int j = 0; j < count; j++)
            for (int k = 0; k < dim; k++) bt[k * count + j] = b[j * dim + k];
        return bt;
    }
}

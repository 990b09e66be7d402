using System.Numerics.Tensors;

namespace VaeLab.Diagnostics;

/// <summary>
/// Squared maximum mean discrepancy with a Gaussian kernel k(x, y) = exp(-‖x - y‖^2 / (2 h^2)), the
/// unbiased U-statistic of Gretton et al. (2012). h is the median pairwise distance of the pooled sample.
/// </summary>
public static class Mmd
{
    /// <summary>Median pairwise distance over at most 500 points of each sample (pooled).</summary>
    public static double MedianBandwidth(float[] x, float[] y, int dim)
    {
        int nx = Math.Min(500, x.Length / dim), ny = Math.Min(500, y.Length / dim);
        var pooled = new float[(nx + ny) * dim];
        x.AsSpan(0, nx * dim).CopyTo(pooled);
        y.AsSpan(0, ny * dim).CopyTo(pooled.AsSpan(nx * dim));
        int count = nx + ny;
        var distances = new List<double>(count * (count - 1) / 2);
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
                distances.Add(TensorPrimitives.Distance(pooled.AsSpan(i * dim, dim), pooled.AsSpan(j * dim, dim)));
        distances.Sort();
        double median = distances.Count == 0 ? 1 : distances[distances.Count / 2];
        return median > 0 ? median : 1;
    }

    /// <summary>Unbiased MMD^2 between row-major samples x (nx, dim) and y (ny, dim) at bandwidth h.</summary>
    public static double Squared(float[] x, float[] y, int dim, double bandwidth)
    {
        int nx = x.Length / dim, ny = y.Length / dim;
        float gamma = (float)(1.0 / (2 * bandwidth * bandwidth));
        double kxx = SumKernel(x, x, dim, gamma, true), kyy = SumKernel(y, y, dim, gamma, true), kxy = SumKernel(x, y, dim, gamma, false);
        return kxx / (nx * (nx - 1.0)) + kyy / (ny * (ny - 1.0)) - 2 * kxy / ((double)nx * ny);
    }

    private static double SumKernel(float[] a, float[] b, int dim, float gamma, bool sameExcludingDiagonal)
    {
        int na = a.Length / dim, nb = b.Length / dim;
        var row = new float[nb];
        double total = 0;
        for (int i = 0; i < na; i++)
        {
            ReadOnlySpan<float> ai = a.AsSpan(i * dim, dim);
            for (int j = 0; j < nb; j++)
            {
                float d2 = 0;
                ReadOnlySpan<float> bj = b.AsSpan(j * dim, dim);
                for (int k = 0; k < dim; k++) { float t = ai[k] - bj[k]; d2 += t * t; }
                row[j] = -gamma * d2;
            }
            TensorPrimitives.Exp(row, row);
            total += TensorPrimitives.Sum(row);
            if (sameExcludingDiagonal) total -= 1.0;
        }
        return total;
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Dimension;

/// <summary>
/// Local PCA: at each point, the covariance of the point and its k neighbours (centred at their mean); the
/// estimate is the number of leading eigenvalues that explain at least a fraction <c>f</c> of the local variance
/// (default 0.95). The global estimate is the mean of the per-point counts.
/// </summary>
public static class LocalPcaDimension
{
    /// <summary>The default fraction of local variance.</summary>
    public const double DefaultFraction = 0.95;

    /// <summary>Per-point component counts on x (rows, cols) with the neighbourhoods of <paramref name="graph"/>.</summary>
    public static DimensionEstimate Estimate(ReadOnlySpan<float> x, int cols, NeighbourGraph graph, double fraction = DefaultFraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentException($"fraction must be within (0, 1] (got {fraction}).");
        int size = graph.K + 1;
        var patch = new double[size * cols];
        var mean = new double[cols];
        var cov = Matrix<double>.Build.Dense(cols, cols);
        var perPoint = new double[graph.Rows];
        for (int i = 0; i < graph.Rows; i++)
        {
            Copy(x.Slice(i * cols, cols), patch.AsSpan(0, cols));
            var nb = graph.NeighboursOf(i);
            for (int a = 0; a < nb.Length; a++) Copy(x.Slice(nb[a] * cols, cols), patch.AsSpan((a + 1) * cols, cols));
            Centre(patch, size, cols, mean);
            for (int r = 0; r < cols; r++)
                for (int c = r; c < cols; c++)
                {
                    double s = 0;
                    for (int p = 0; p < size; p++) s += patch[p * cols + r] * patch[p * cols + c];
                    cov[r, c] = s;
                    cov[c, r] = s;
                }
            var eig = cov.Evd(Symmetricity.Symmetric).EigenValues;
            var values = new double[cols];
            for (int c = 0; c < cols; c++) values[c] = Math.Max(eig[c].Real, 0);
            Array.Sort(values);
            Array.Reverse(values);
            perPoint[i] = ComponentsFor(values, fraction);
        }
        return new DimensionEstimate("lpca", perPoint.Average(), perPoint);
    }

    /// <summary>The number of leading values (descending) whose sum reaches <paramref name="fraction"/> of the total; 0 for an all-zero spectrum.</summary>
    public static int ComponentsFor(ReadOnlySpan<double> descending, double fraction)
    {
        double total = 0, running = 0;
        foreach (double v in descending) total += v;
        if (total <= 0) return 0;
        for (int i = 0; i < descending.Length; i++)
        {
            running += descending[i];
            if (running >= fraction * total * (1 - 1e-12)) return i + 1;
        }
        return descending.Length;
    }

    private static void Copy(ReadOnlySpan<float> src, Span<double> dst)
    {
        for (int i = 0; i < src.Length; i++) dst[i] = src[i];
    }

    // Subtracts the column means of patch (rows, cols) in place.
    internal static void Centre(double[] patch, int rows, int cols, double[] mean)
    {
        Array.Clear(mean);
        for (int p = 0; p < rows; p++)
            for (int c = 0; c < cols; c++) mean[c] += patch[p * cols + c];
        for (int c = 0; c < cols; c++) mean[c] /= rows;
        for (int p = 0; p < rows; p++)
            for (int c = 0; c < cols; c++) patch[p * cols + c] -= mean[c];
    }
}

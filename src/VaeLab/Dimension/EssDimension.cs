namespace VaeLab.Dimension;

/// <summary>
/// Expected simplex skewness (Johnsson, Soneson &amp; Fontes 2015), version a with d = 1. At each point, the k + 1
/// vectors v_a from the mean of the point and its neighbours give
/// s = Σ_{a&lt;b} ‖v_a‖‖v_b‖ |sin θ_ab| / Σ_{a&lt;b} ‖v_a‖‖v_b‖.
/// For an isotropic distribution in R^m, s tends to E|sin θ| between two uniform directions,
/// f(m) = Γ(m/2)² / (Γ((m-1)/2) Γ((m+1)/2)) (f(1) = 0, f(2) = 2/π, f(3) = π/4); the estimate is the m at which the
/// linear interpolation of f between integers crosses s. The global estimate is the mean of the per-point ones.
/// </summary>
public static class EssDimension
{
    /// <summary>The largest dimension in the reference table; larger skewness is reported as this.</summary>
    public const int MaxDimension = 200;

    private static readonly double[] Reference = BuildReference();

    /// <summary>Per-point ESS dimensions on x (rows, cols) with the neighbourhoods of <paramref name="graph"/>.</summary>
    public static DimensionEstimate Estimate(ReadOnlySpan<float> x, int cols, NeighbourGraph graph)
    {
        int size = graph.K + 1;
        var patch = new double[size * cols];
        var mean = new double[cols];
        var norms2 = new double[size];
        var perPoint = new double[graph.Rows];
        for (int i = 0; i < graph.Rows; i++)
        {
            for (int c = 0; c < cols; c++) patch[c] = x[i * cols + c];
            var nb = graph.NeighboursOf(i);
            for (int a = 0; a < nb.Length; a++)
                for (int c = 0; c < cols; c++) patch[(a + 1) * cols + c] = x[nb[a] * cols + c];
            LocalPcaDimension.Centre(patch, size, cols, mean);
            perPoint[i] = DimensionFor(Skewness(patch, size, cols, norms2));
        }
        return new DimensionEstimate("ess", perPoint.Average(), perPoint);
    }

    /// <summary>f(m) = E|sin θ| between two independent uniform directions of R^m.</summary>
    public static double ReferenceValue(int m) => Reference[m];

    /// <summary>The dimension whose interpolated reference value equals <paramref name="s"/> (1 for s ≤ 0).</summary>
    public static double DimensionFor(double s)
    {
        if (double.IsNaN(s)) return double.NaN;
        if (s <= 0) return 1;
        for (int m = 1; m < MaxDimension; m++)
            if (s <= Reference[m + 1]) return m + (s - Reference[m]) / (Reference[m + 1] - Reference[m]);
        return MaxDimension;
    }

    // s for centred vectors patch (rows, cols); NaN when every vector is 0.
    private static double Skewness(double[] patch, int rows, int cols, double[] norms2)
    {
        for (int a = 0; a < rows; a++)
        {
            double s = 0;
            for (int c = 0; c < cols; c++) s += patch[a * cols + c] * patch[a * cols + c];
            norms2[a] = s;
        }
        double volume = 0, weight = 0;
        for (int a = 0; a < rows; a++)
            for (int b = a + 1; b < rows; b++)
            {
                double dot = 0;
                for (int c = 0; c < cols; c++) dot += patch[a * cols + c] * patch[b * cols + c];
                double product = norms2[a] * norms2[b];
                volume += Math.Sqrt(Math.Max(product - dot * dot, 0));
                weight += Math.Sqrt(product);
            }
        return weight > 0 ? volume / weight : double.NaN;
    }

    private static double[] BuildReference()
    {
        var f = new double[MaxDimension + 1];
        f[0] = double.NaN;
        f[1] = 0;
        for (int m = 2; m <= MaxDimension; m++)
            f[m] = Math.Exp(2 * LogGamma(m / 2.0) - LogGamma((m - 1) / 2.0) - LogGamma((m + 1) / 2.0));
        return f;
    }

    private static double LogGamma(double x) => MathNet.Numerics.SpecialFunctions.GammaLn(x);
}

namespace VaeLab.Diagnostics;

/// <summary>The collapse yardstick: the best isotropic Gaussian N(mean, s² I) of the data (SCIENCE.md section 9).</summary>
public static class IsotropicGaussianFit
{
    /// <summary>
    /// The negative log-likelihood per sample of N(mean, s² I) fitted to the rows of <paramref name="x"/> (count, n), with
    /// s² = E‖x − mean‖² / n: n/2 (log(2π s²) + 1). A decoder that ignores its latent, with its own isotropic noise, does
    /// no better; a diagonal fit would be degenerate on zero padding.
    /// </summary>
    public static double NegativeLogLikelihood(ReadOnlySpan<float> x, int n)
    {
        int count = x.Length / n;
        var mean = new double[n];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < n; j++) mean[j] += x[i * n + j];
        for (int j = 0; j < n; j++) mean[j] /= count;
        double ss = 0;
        for (int i = 0; i < count; i++)
            for (int j = 0; j < n; j++)
            {
                double e = x[i * n + j] - mean[j];
                ss += e * e;
            }
        double s2 = ss / count / n;
        return 0.5 * n * (Math.Log(2 * Math.PI * s2) + 1);
    }
}

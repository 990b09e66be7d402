namespace VaeLab.Diagnostics;

/// <summary>One-sample Kolmogorov-Smirnov statistic.</summary>
public static class KolmogorovSmirnov
{
    /// <summary>sup_x |F_n(x) - Φ(x)| for the standard normal Φ.</summary>
    public static double AgainstStandardNormal(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double f = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-sorted[i] / Math.Sqrt(2));
            d = Math.Max(d, Math.Max(f - (double)i / sorted.Length, (i + 1.0) / sorted.Length - f));
        }
        return d;
    }
}

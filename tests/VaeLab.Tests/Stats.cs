namespace VaeLab.Tests;

/// <summary>Small statistics helpers for test assertions.</summary>
public static class Stats
{
    public static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    public static double KolmogorovSmirnovNormal(double[] samples)
    {
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double f = NormalCdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - (double)i / sorted.Length, (i + 1.0) / sorted.Length - f));
        }
        return d;
    }
}

namespace VaeLab.Claims;

/// <summary>The Wilson (1927) score interval for a binomial proportion, as recommended by Newcombe (1998).</summary>
public static class WilsonInterval
{
    /// <summary>z for a two-sided 95% interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The interval for k successes in n trials: (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), with p̂ = k/n.
    /// Unlike the Wald interval it stays inside [0, 1] and is not degenerate at k = 0 or k = n. n = 0 gives [0, 1].
    /// </summary>
    public static (double Lower, double Upper) Of(int successes, int trials, double z = Z95)
    {
        if (trials < 0 || successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), $"need 0 <= successes <= trials (got {successes} of {trials}).");
        if (trials == 0) return (0, 1);
        double n = trials, p = successes / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At k = 0 and k = n the bound is exactly 0 or 1; rounding would leave 1e-17.
        return (successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }
}

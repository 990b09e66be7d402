using System.Globalization;

namespace VaeLab.Claims;

/// <summary>k of n with its 95% Wilson score interval: the unit every tally is reported in.</summary>
public sealed record Proportion(int Successes, int Trials, double Lower, double Upper)
{
    /// <summary>k / n, NaN for n = 0.</summary>
    public double Fraction => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>k of n with its Wilson interval.</summary>
    public static Proportion Of(int successes, int trials)
    {
        var (lower, upper) = WilsonInterval.Of(successes, trials);
        return new Proportion(successes, trials, lower, upper);
    }

    /// <summary>"41% [29%, 54%] of 54", or "– (no runs)".</summary>
    public string Text(string unit = "runs") => Trials == 0
        ? $"– (no {unit})"
        : string.Create(CultureInfo.InvariantCulture, $"{100 * Fraction:F0}% [{100 * Lower:F0}%, {100 * Upper:F0}%] of {Trials} {unit}");
}

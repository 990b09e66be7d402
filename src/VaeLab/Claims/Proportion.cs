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

    /// <summary>
    /// The verdict in words, from the fraction and its 95% Wilson interval: "holds" (every trial), "fails" (none), "mostly holds"
    /// (the interval lies above one half), "mostly fails" (below one half), "split" (the interval contains one half: these trials
    /// do not decide the side), "n/a" (no trial).
    /// </summary>
    public string Verdict => Side switch
    {
        _ when Trials == 0 => "n/a",
        1 => Successes == Trials ? "holds" : "mostly holds",
        -1 => Successes == 0 ? "fails" : "mostly fails",
        _ => "split",
    };

    /// <summary>The side of the verdict: 1 for holds and mostly holds, -1 for fails and mostly fails, 0 for split and n/a.</summary>
    public int Side => Trials == 0 ? 0
        : Successes == Trials || Lower > 0.5 ? 1
        : Successes == 0 || Upper < 0.5 ? -1 : 0;

    /// <summary>"41% [29%, 54%] of 54", or "– (no runs)".</summary>
    public string Text(string unit = "runs") => Trials == 0
        ? $"– (no {unit})"
        : string.Create(CultureInfo.InvariantCulture, $"{100 * Fraction:F0}% [{100 * Lower:F0}%, {100 * Upper:F0}%] of {Trials} {unit}");
}

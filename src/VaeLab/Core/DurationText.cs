using System.Globalization;

namespace VaeLab.Core;

/// <summary>Estimated durations in words, for the one-line notes and refusals of the cost estimates.</summary>
public static class DurationText
{
    /// <summary>"45 s", "12 min", "3.5 h", "2.1 days".</summary>
    public static string Of(double seconds) => seconds switch
    {
        < 90 => $"{seconds.ToString("0", CultureInfo.InvariantCulture)} s",
        < 5400 => $"{(seconds / 60).ToString("0", CultureInfo.InvariantCulture)} min",
        < 172_800 => $"{(seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h",
        _ => $"{(seconds / 86_400).ToString("G3", CultureInfo.InvariantCulture)} days",
    };
}

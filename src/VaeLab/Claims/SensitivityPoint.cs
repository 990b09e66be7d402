namespace VaeLab.Claims;

/// <summary>A claim's tally with one threshold scaled by <see cref="Factor"/> (0.1, 0.5, 2, 10).</summary>
public sealed record SensitivityPoint(string Threshold, double Factor, Proportion Holds);

namespace VaeLab.Claims;

/// <summary>
/// One row of the claims table for one grid: the tally at the spec's thresholds, the tallies at 0.1x, 0.5x, 2x and 10x of each
/// threshold the claim uses, and whether the verdict is fragile (its majority side flips within 2x of a threshold).
/// </summary>
public sealed record ClaimSummary(ClaimTally Tally, SensitivityPoint[] Sensitivity)
{
    /// <summary>True when the verdict flips within 2x of a threshold (marked "fragile" in the claims table).</summary>
    public bool Fragile => FragileThresholds.Any();

    /// <summary>The thresholds whose 0.5x or 2x flips the majority side.</summary>
    public IEnumerable<string> FragileThresholds => Sensitivity
        .Where(s => s.Factor is 0.5 or 2 && s.Holds.Trials > 0 && (2 * s.Holds.Successes >= s.Holds.Trials) != Tally.Majority)
        .Select(s => s.Threshold).Distinct();
}

using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>
/// One claim over a set of runs (a grid, or one configuration of it): how often it holds among the trained runs it applies to,
/// with the 95% Wilson interval, and how many runs collapsed (reported, not counted).
/// </summary>
/// <param name="Claim">C1..C9.</param>
/// <param name="Grid">linear, sigmoid or sphere.</param>
/// <param name="Configuration">the configuration label, or null for the whole grid.</param>
/// <param name="Holds">holds among the trained runs the claim applies to.</param>
/// <param name="Collapsed">runs the claim would apply to that collapsed.</param>
public sealed record ClaimTally(string Claim, string Grid, string? Configuration, Proportion Holds, int Collapsed)
{
    /// <summary>Trained runs the claim was judged on.</summary>
    public int Trained => Holds.Trials;

    /// <summary>"holds in 41% [29%, 54%] of 54 trained runs; 3 collapsed".</summary>
    public string Text => Holds.Trials == 0 && Collapsed == 0 ? "–"
        : $"holds in {Holds.Text("trained runs")}" + (Collapsed > 0 ? $"; {Collapsed} collapsed" : "");

    /// <summary>The verdict in words (<see cref="Proportion.Verdict"/>): holds, mostly holds, split, mostly fails, fails or n/a.</summary>
    public string Verdict => Holds.Verdict;

    /// <summary>True when the verdict is "holds" or "mostly holds": the claim is on the paper's side.</summary>
    public bool OnPapersSide => Holds.Side > 0;

    /// <summary>True when the claim holds in at least half of the trained runs: the side the threshold-sensitivity check ("fragile") compares.</summary>
    public bool Majority => Holds.Trials > 0 && 2 * Holds.Successes >= Holds.Trials;
}

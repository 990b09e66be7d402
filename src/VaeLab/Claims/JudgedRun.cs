using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>One analysed run as the tallies see it: where it sits in a grid, its seeds and its diagnostics.</summary>
public sealed record JudgedRun(string Grid, string Configuration, ulong DataSeed, ulong ModelSeed, RunDiagnostics Diagnostics)
{
    /// <summary>The run's outcome, or null when it has none (no ground truth, or analysed before outcomes existed).</summary>
    public RunOutcome? Outcome => Diagnostics.Outcome?.Outcome;
}

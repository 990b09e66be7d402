namespace VaeLab.Grids;

/// <summary>Outcome of one grid run: trained now, skipped as already finished, or failed with a message.</summary>
public sealed record GridRunOutcome(GridRun Run, string Dir, string Status, string? Error);

namespace VaeLab.Grids;

/// <summary>Outcome of one grid run: trained now, skipped as already finished, or failed with a message.</summary>
public sealed record GridRunOutcome(GridRun Run, string Dir, string Status, string? Error)
{
    /// <summary>Seconds a worker spent on this run in this invocation (training, stage 2, analysis).</summary>
    public double BusySeconds { get; init; }

    /// <summary>Training FLOPs of the steps this invocation trained (<see cref="Runs.Flops"/>): a resumed run counts only the steps after its checkpoint.</summary>
    public double TrainedFlops { get; init; }
}

using System.Globalization;
using System.Text;


namespace VaeLab.Grids;

/// <summary>
/// How close a grid invocation came to the machine's limit: the training FLOPs it executed, the time those FLOPs take at
/// the measured FMA peak on the cores used (the FLOP bound), the measured wall time, and the fraction of it the workers
/// were busy.
/// </summary>
/// <param name="TotalFlops">training FLOPs of the steps trained in this invocation (<see cref="Runs.Flops"/>).</param>
/// <param name="PeakGflopsPerCore">the single-core FMA peak, measured.</param>
/// <param name="Cores">workers used (--jobs), at most the logical cores.</param>
/// <param name="MeasuredSeconds">wall time of the grid execution (training, stage 2, analyses).</param>
/// <param name="BusySeconds">worker time spent inside work items, summed over workers.</param>
public sealed record GridCompute(double TotalFlops, double PeakGflopsPerCore, int Cores, double MeasuredSeconds, double BusySeconds)
{
    /// <summary>TotalFlops at the peak of every core used: no schedule can train faster.</summary>
    public double FlopBoundSeconds => TotalFlops / (PeakGflopsPerCore * 1e9 * Cores);

    /// <summary>Busy worker time over the cores' available time (measured × cores).</summary>
    public double BusyFraction => MeasuredSeconds > 0 ? BusySeconds / (MeasuredSeconds * Cores) : double.NaN;

    /// <summary>Measured time over the FLOP bound.</summary>
    public double OverBound => FlopBoundSeconds > 0 ? MeasuredSeconds / FlopBoundSeconds : double.NaN;

    /// <summary>The accounting of one grid execution.</summary>
    public static GridCompute From(IReadOnlyList<GridRunOutcome> outcomes, int jobs, double measuredSeconds, double peakGflopsPerCore) =>
        new(outcomes.Sum(o => o.TrainedFlops), peakGflopsPerCore, Math.Min(jobs, Environment.ProcessorCount), measuredSeconds, outcomes.Sum(o => o.BusySeconds));

    /// <summary>The "Compute" section of report.md.</summary>
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("## Compute\n");
        sb.AppendLine(string.Create(c, $"- training FLOPs executed in this invocation: {TotalFlops:E3} (GEMMs of every training step, stage 2 and its stage-1 encoder pass included; loss estimates and analyses not counted)"));
        sb.AppendLine(string.Create(c, $"- FMA peak measured: {PeakGflopsPerCore:F1} GFLOP/s per core; {Cores} core(s) used"));
        sb.AppendLine(string.Create(c, $"- FLOP-bound time on {Cores} core(s): {FlopBoundSeconds:F1} s"));
        sb.AppendLine(string.Create(c, $"- measured time (training, stage 2 and analyses): {MeasuredSeconds:F1} s, {OverBound:F2}x the FLOP bound"));
        sb.AppendLine(string.Create(c, $"- cores busy: {100 * BusyFraction:F1}% of {Cores} x {MeasuredSeconds:F1} s"));
        return sb.ToString();
    }
}

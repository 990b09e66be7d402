namespace VaeLab.Benchmarking;

/// <summary>One workload's measured step time.</summary>
public sealed record WorkloadResult(string Name, double UsPerStep, double StepsPerSecond, double Gflops, double PercentOfPeak,
    double AllocatedBytesPerStep, double[] RepetitionsUs, long FlopsPerStep)
{
    /// <summary>µs per step of the data and noise sampling alone (median); NaN when not measured.</summary>
    public double SamplingUsPerStep { get; init; } = double.NaN;

    /// <summary>The target this workload is held to, in words; empty when none.</summary>
    public string Target { get; init; } = "";

    /// <summary>Whether the target is met; null when there is none.</summary>
    public bool? TargetMet { get; init; }

    /// <summary>What UsPerStep is per: "step" (a training step) or "analysis" (one run's whole analysis).</summary>
    public string Unit { get; init; } = "step";

    /// <summary>Cold-start workloads: µs per step at the steady state, and the first steps' time over it; NaN otherwise.</summary>
    public double SteadyUsPerStep { get; init; } = double.NaN;

    /// <inheritdoc cref="SteadyUsPerStep"/>
    public double ColdRatio { get; init; } = double.NaN;
}

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

    /// <summary>The fastest repetition (µs per step or per analysis).</summary>
    public double MinUsPerStep => RepetitionsUs.Length == 0 ? double.NaN : RepetitionsUs.Min();

    /// <summary>The slowest repetition (µs per step or per analysis).</summary>
    public double MaxUsPerStep => RepetitionsUs.Length == 0 ? double.NaN : RepetitionsUs.Max();

    /// <summary>The spread of the repetitions: (slowest - fastest) as a percentage of the median.</summary>
    public double SpreadPercent => RepetitionsUs.Length == 0 ? double.NaN : 100 * (MaxUsPerStep - MinUsPerStep) / UsPerStep;

    /// <summary>The median absolute deviation of the repetitions from the median, as a percentage of the median.</summary>
    public double MadPercent => RepetitionsUs.Length == 0 ? double.NaN
        : 100 * StepBenchmark.Median(RepetitionsUs.Select(v => Math.Abs(v - UsPerStep))) / UsPerStep;
}

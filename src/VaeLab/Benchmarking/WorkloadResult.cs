namespace VaeLab.Benchmarking;

/// <summary>One workload's measured step time.</summary>
public sealed record WorkloadResult(string Name, double UsPerStep, double StepsPerSecond, double Gflops, double PercentOfPeak,
    double AllocatedBytesPerStep, double[] RepetitionsUs, long FlopsPerStep);

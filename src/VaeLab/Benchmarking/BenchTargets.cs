

namespace VaeLab.Benchmarking;

/// <summary>
/// The targets `vaelab bench` holds each workload to (issue 15), as fractions of the FMA peak it measured, so that
/// they hold on any machine: sphere at least 80% of peak, stage 2 at m = 16 at least 70%; linear and sigmoid at most
/// twice their floor (their data-and-noise sampling plus their FLOPs at peak); every step allocating 0 bytes; the
/// first 5,000 steps of a fresh process at most 1.5 times the steady state.
/// </summary>
public static class BenchTargets
{
    /// <summary>The numbers of the targets above: percent of peak (sphere, stage 2), times the floor, cold over steady.</summary>
    public const double SpherePercent = 80, Stage2Percent = 70, FloorFactor = 2, ColdRatio = 1.5;

    /// <summary>Below this many bytes per step (averaged over all timed steps) a step counts as allocation-free.</summary>
    public const double AllocationTolerance = 0.5;

    /// <summary>The step floor: sampling plus the GEMM FLOPs at the measured peak, in µs.</summary>
    public static double FloorUs(WorkloadResult r, double peakGflops) => r.SamplingUsPerStep + r.FlopsPerStep / (peakGflops * 1e3);

    /// <summary><paramref name="r"/> with its target and verdict filled in; every step target also requires 0 bytes allocated per step.</summary>
    public static WorkloadResult Judge(WorkloadResult r, double peakGflops)
    {
        bool noAlloc = r.AllocatedBytesPerStep < AllocationTolerance;
        return r.Name switch
        {
            "sphere" => r with { Target = $">= {SpherePercent}% of peak", TargetMet = noAlloc && r.PercentOfPeak >= SpherePercent },
            "stage2-m16" => r with { Target = $">= {Stage2Percent}% of peak", TargetMet = noAlloc && r.PercentOfPeak >= Stage2Percent },
            "linear" or "sigmoid" => r with
            {
                Target = $"<= {FloorFactor}x floor {FloorUs(r, peakGflops):F1} µs",
                TargetMet = noAlloc && r.UsPerStep <= FloorFactor * FloorUs(r, peakGflops),
            },
            _ => r with { Target = "0 B/step only", TargetMet = noAlloc },
        };
    }
}

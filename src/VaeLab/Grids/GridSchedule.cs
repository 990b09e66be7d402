using VaeLab.Configuration;
using VaeLab.Runs;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Grids;

/// <summary>
/// Rough seconds of each work item of a grid run, only to order them (largest first): a step costs its GEMM FLOPs at
/// a nominal 100 GFLOP/s plus a fixed 15 µs (sampling, elementwise work, optimiser), as `vaelab bench` measures the
/// small workloads. The order never changes a result.
/// </summary>
public static class GridSchedule
{
    private const double NominalFlopsPerSecond = 100e9, StepOverheadSeconds = 15e-6;

    /// <summary>One run's analysis (diagnostics and figures), about a second or two whatever the model.</summary>
    public const double AnalysisSeconds = 2;

    /// <summary>Stage-1 training.</summary>
    public static double Stage1Seconds(RunConfig c) =>
        c.Steps * (Flops.TrainingStep(Model(c.ToArchitecture()), c.BatchSize) / NominalFlopsPerSecond + StepOverheadSeconds);

    /// <summary>Stage-2 training (zero for a one-stage run), the stage-1 encoder pass that draws its codes included.</summary>
    public static double Stage2Seconds(RunConfig c) => !c.TwoStage ? 0 : c.Stage2StepsResolved *
        ((Flops.TrainingStep(Model(c.ToStage2Architecture()), c.BatchSize) + Flops.EncoderForward(Model(c.ToArchitecture()), c.BatchSize)) / NominalFlopsPerSecond
        + StepOverheadSeconds);

    private static Vae Model(VaeArchitecture architecture) => new(architecture, 1, RngStreams.Create(0, "schedule"));
}

using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;

namespace VaeLab.Benchmarking;

/// <summary>The training-step workloads of `vaelab bench` and the BenchmarkDotNet step benchmarks.</summary>
public static class BenchmarkWorkloads
{
    /// <summary>The training-step workloads: the three paper families' stage 1 and stage 2 at m = 6, 16 and 24.</summary>
    public static readonly string[] Names = ["linear", "sigmoid", "sphere", "stage2-m6", "stage2-m16", "stage2-m24"];

    /// <summary>
    /// linear: D 3, p 9, m 20; sigmoid: d 5, p 16, m 16; sphere: d 5, p 16, m 16, MLPs 200,200,200. stage2-mM: the
    /// stage-2 VAE (default network, MLPs 128,128) on the codes of the paper's sigmoid configuration with latent
    /// m = M (d3-p3-m6, d5-p16-m16, d7-p20-m24). Batch 100.
    /// </summary>
    public static RunConfig Config(string name) => name switch
    {
        "linear" => RunConfig.Defaults(DataFamilyKind.Linear),
        "sigmoid" => RunConfig.Defaults(DataFamilyKind.Sigmoid) with { DataDim = 5, Padding = 16, Latent = 16 },
        "sphere" => RunConfig.Defaults(DataFamilyKind.Sphere) with { DataDim = 5, Padding = 16, Latent = 16 },
        "stage2-m6" => Stage2Config(3, 3, 6),
        "stage2-m16" => Stage2Config(5, 16, 16),
        "stage2-m24" => Stage2Config(7, 20, 24),
        _ => throw new ConfigException($"--workload must be one of {string.Join(", ", Names)} (got '{name}')."),
    };

    /// <summary>The workload <paramref name="name"/>, built and ready to time.</summary>
    public static StepWorkload Create(string name) => name.StartsWith("stage2-", StringComparison.Ordinal)
        ? StepWorkload.Stage2(name, Config(name))
        : StepWorkload.Stage1(name, Config(name));

    // Stage 2 as the paper grids run it: default stage-2 network, lr 1e-3.
    private static RunConfig Stage2Config(int d, int p, int m) =>
        RunConfig.Defaults(DataFamilyKind.Sigmoid) with { DataDim = d, Padding = p, Latent = m, TwoStage = true, Stage2LearningRate = 1e-3 };
}

using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;

namespace VaeLab.Benchmarking;

/// <summary>The three workloads of `vaelab bench` and the BenchmarkDotNet step benchmarks.</summary>
public static class BenchmarkWorkloads
{
    public static readonly string[] Names = ["linear", "sigmoid", "sphere"];

    /// <summary>linear: D 3, p 9, m 20; sigmoid: d 5, p 16, m 16; sphere: d 5, p 16, m 16, MLPs 200,200,200. Batch 100.</summary>
    public static RunConfig Config(string name) => name switch
    {
        "linear" => RunConfig.Defaults(DataFamilyKind.Linear),
        "sigmoid" => RunConfig.Defaults(DataFamilyKind.Sigmoid) with { DataDim = 5, Padding = 16, Latent = 16 },
        "sphere" => RunConfig.Defaults(DataFamilyKind.Sphere) with { DataDim = 5, Padding = 16, Latent = 16 },
        _ => throw new ConfigException($"--workload must be one of {string.Join(", ", Names)} (got '{name}')."),
    };
}

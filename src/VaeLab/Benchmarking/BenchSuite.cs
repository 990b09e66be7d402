using System.Text.Json;
using System.Text.Json.Nodes;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Benchmarking;

/// <summary>
/// Everything `vaelab bench` times: the training steps of every workload a reproduction runs, one run's analysis,
/// and the cold start. Names select single workloads; the groups "steps", "stage2", "analyze" and "cold" select
/// several.
/// </summary>
public static class BenchSuite
{
    /// <summary>Every workload, in the order they are timed.</summary>
    public static string[] Names => [.. BenchmarkWorkloads.Names, .. AnalysisBenchmark.Names, .. ColdStartBenchmark.Names];

    /// <summary>The group names, each selecting several workloads.</summary>
    public static readonly string[] Groups = ["steps", "stage2", "analyze", "cold"];

    /// <summary>The workloads <paramref name="selection"/> names (null: all). Throws <see cref="ConfigException"/> for an unknown name.</summary>
    public static string[] Select(string? selection)
    {
        if (selection == null) return Names;
        string[] chosen = selection switch
        {
            "steps" => BenchmarkWorkloads.Names,
            "stage2" => [.. BenchmarkWorkloads.Names.Where(n => n.StartsWith("stage2-", StringComparison.Ordinal))],
            "analyze" => AnalysisBenchmark.Names,
            "cold" => ColdStartBenchmark.Names,
            _ => Names.Contains(selection) ? [selection] : [],
        };
        if (chosen.Length == 0)
            throw new ConfigException($"--workload must be one of {string.Join(", ", Names)} or a group ({string.Join(", ", Groups)}) (got '{selection}').");
        return chosen;
    }

    /// <summary>Times one workload; analysis and cold start use at most 3 repetitions (each takes seconds).</summary>
    public static WorkloadResult Run(string name, int repetitions, double peakGflops)
    {
        if (AnalysisBenchmark.Names.Contains(name)) return AnalysisBenchmark.Measure(name, Math.Min(repetitions, 3));
        if (ColdStartBenchmark.Names.Contains(name)) return ColdStartBenchmark.Measure(name, Math.Min(repetitions, 3));
        return StepBenchmark.Run(name, repetitions, peakGflops: peakGflops);
    }

    /// <summary>Writes `vaelab bench --json`: the machine, the measured FMA peak and every workload's result.</summary>
    public static void WriteJson(string path, double peakGflops, IReadOnlyList<WorkloadResult> results)
    {
        var node = new JsonObject
        {
            ["machine"] = JsonSerializer.SerializeToNode(RunEnvironment.Current(1), Json.Options),
            ["peakGflops"] = peakGflops,
            ["workloads"] = new JsonArray([.. results.Select(r => (JsonNode)ToJson(r))]),
        };
        AtomicFile.WriteText(path, node.ToJsonString(Json.Options), overwrite: false);
    }

    /// <summary>The JSON of one result; the field names of the first bench version are kept (name, usPerStep, ...).</summary>
    public static JsonObject ToJson(WorkloadResult r)
    {
        var node = new JsonObject
        {
            ["name"] = r.Name,
            ["unit"] = r.Unit,
            ["usPerStep"] = r.UsPerStep,
            ["stepsPerSecond"] = r.StepsPerSecond,
            ["gflops"] = Number(r.Gflops),
            ["percentOfPeak"] = Number(r.PercentOfPeak),
            ["allocatedBytesPerStep"] = Number(r.AllocatedBytesPerStep),
            ["flopsPerStep"] = r.FlopsPerStep,
            ["samplingUsPerStep"] = Number(r.SamplingUsPerStep),
            ["steadyUsPerStep"] = Number(r.SteadyUsPerStep),
            ["coldRatio"] = Number(r.ColdRatio),
            ["target"] = r.Target,
            ["targetMet"] = r.TargetMet,
            ["repetitionsUs"] = new JsonArray([.. r.RepetitionsUs.Select(v => (JsonNode)v)]),
            ["minUsPerStep"] = Number(r.MinUsPerStep),
            ["maxUsPerStep"] = Number(r.MaxUsPerStep),
            ["spreadPercent"] = Number(r.SpreadPercent),
            ["madPercent"] = Number(r.MadPercent),
        };
        return node;
    }

    private static JsonNode? Number(double v) => double.IsFinite(v) ? v : null;
}

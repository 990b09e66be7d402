using System.Diagnostics;
using VaeLab.Diagnostics;
using VaeLab.Core;
using VaeLab.Runs;
using VaeLab.Reporting;

namespace VaeLab.Benchmarking;

/// <summary>
/// One run's full analysis (diagnostics and figures, as `reproduce` does after training), timed on a short two-stage
/// run of the bench's sigmoid or sphere configuration trained into a temporary folder that is removed afterwards.
/// </summary>
public static class AnalysisBenchmark
{
    /// <summary>The workload names, one per configuration.</summary>
    public static readonly string[] Names = ["analyze-sigmoid", "analyze-sphere"];

    /// <summary>Trains the run, analyses it once to warm up, then <paramref name="repetitions"/> more times; returns the median in µs and every repetition.</summary>
    public static WorkloadResult Measure(string name, int repetitions)
    {
        var config = BenchmarkWorkloads.Config(name["analyze-".Length..]) with { Steps = 200, TwoStage = true, Stage2Steps = 200, LogEvery = 100, EvalSamples = 1000 };
        string root = Path.Combine(Path.GetTempPath(), $"vaelab-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string dir = Path.Combine(root, "run");
        Directory.CreateDirectory(root);
        try
        {
            RunExecutor.Execute(config, dir, 1);
            RunAnalysis.Analyze(dir, new AnalysisOptions());
            var reps = new double[repetitions];
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int r = 0; r < repetitions; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                RunAnalysis.Analyze(dir, new AnalysisOptions());
                reps[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }
            double allocated = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / repetitions;
            double median = reps.Order().ElementAt(repetitions / 2);
            return new WorkloadResult(name, median, 1e6 / median, double.NaN, double.NaN, allocated, reps, 0) { Unit = "analysis" };
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

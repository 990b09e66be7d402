using System.Diagnostics;
using System.Globalization;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Benchmarking;

/// <summary>
/// The warm-up tax: the first <see cref="Steps"/> training steps of a fresh process against the same number of
/// steps at the steady state (after a second of warm-up, median of three blocks) in that process. Each repetition
/// starts a new process (`vaelab bench --cold-child NAME`), so JIT compilation and tiering are paid again every time.
/// </summary>
public static class ColdStartBenchmark
{
    /// <summary>The steps timed cold and at the steady state.</summary>
    public const int Steps = 5000;

    /// <summary>The cold workloads: the stage-1 workload each times, under "cold-NAME".</summary>
    public static readonly string[] Names = ["cold-linear", "cold-sigmoid"];

    /// <summary>
    /// In the child process: builds <paramref name="workload"/>, times its first <see cref="Steps"/> steps, warms up,
    /// times three more blocks; returns "firstUs steadyUs firstCpuUs steadyCpuUs" (µs per step; the last is the whole process's
    /// CPU time, JIT threads included, which a busy machine disturbs less than wall time) for the parent to parse.
    /// </summary>
    public static string RunChild(string workload)
    {
        var trainer = BenchmarkWorkloads.Create(workload).Trainer;
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < Steps; i++) trainer.TrainStep();
        double first = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / Steps;
        process.Refresh();
        double firstCpu = (process.TotalProcessorTime - cpu0).TotalMicroseconds / Steps;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1) trainer.TrainStep();
        var blocks = new double[3];
        process.Refresh();
        var cpu1 = process.TotalProcessorTime;
        for (int b = 0; b < blocks.Length; b++)
        {
            long t1 = Stopwatch.GetTimestamp();
            for (int i = 0; i < Steps; i++) trainer.TrainStep();
            blocks[b] = Stopwatch.GetElapsedTime(t1).TotalMicroseconds / Steps;
        }
        process.Refresh();
        double steadyCpu = (process.TotalProcessorTime - cpu1).TotalMicroseconds / (blocks.Length * Steps);
        Array.Sort(blocks);
        return string.Create(CultureInfo.InvariantCulture, $"{first:R} {blocks[1]:R} {firstCpu:R} {steadyCpu:R}");
    }

    /// <summary>
    /// Runs <paramref name="repetitions"/> fresh child processes for "cold-WORKLOAD" and reports the median of their
    /// first-steps time in UsPerStep, the steady state in SteadyUsPerStep and the ratio.
    /// </summary>
    public static WorkloadResult Measure(string name, int repetitions)
    {
        string workload = name["cold-".Length..];
        var firsts = new double[repetitions];
        var steadies = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            var start = ChildStart(workload);
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the cold-start child process.");
            string output = child.StandardOutput.ReadToEnd();
            string errors = child.StandardError.ReadToEnd();
            child.WaitForExit();
            string[] parts = output.Trim().Split(' ');
            if (child.ExitCode != 0 || parts.Length != 4)
                throw new InvalidOperationException($"cold-start child for {workload} failed (exit {child.ExitCode}): {errors.Trim()}");
            firsts[r] = double.Parse(parts[0], CultureInfo.InvariantCulture);
            steadies[r] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        double first = StepBenchmark.Median(firsts), steady = StepBenchmark.Median(steadies);
        return new WorkloadResult(name, first, 1e6 / first, double.NaN, double.NaN, double.NaN, firsts, 0)
        {
            SteadyUsPerStep = steady,
            ColdRatio = first / steady,
            Target = $"<= {BenchTargets.ColdRatio}x steady",
            TargetMet = first / steady <= BenchTargets.ColdRatio,
        };
    }

    // Re-runs this program: `dotnet VaeLab.Cli.dll bench --cold-child W`, or the app host directly.
    private static ProcessStartInfo ChildStart(string workload)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        foreach (string a in (string[])["bench", "--cold-child", workload]) start.ArgumentList.Add(a);
        return start;
    }
}

using System.CommandLine;
using Spectre.Console;
using VaeLab.Benchmarking;
using VaeLab.Core;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab bench`: µs per training step on the paper's workloads, one thread, batch 100.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Time every workload of a reproduction on one thread: training steps (data and noise included), stage 2, one run's analysis, the cold start.");
        var workload = new Option<string?>("--workload") { Description = $"one of {string.Join(", ", BenchSuite.Names)}, or a group: {string.Join(", ", BenchSuite.Groups)} (default all)", HelpName = "name" };
        var coldChild = new Option<string?>("--cold-child") { Description = "internal: the child process of the cold-start benchmark", Hidden = true };
        var json = new Option<string?>("--json") { Description = "also write the results as JSON", HelpName = "file" };
        var reps = new Option<int>("--repetitions") { Description = "timed repetitions; the median is reported (default 7)", DefaultValueFactory = _ => 7 };
        command.Options.Add(workload);
        command.Options.Add(json);
        command.Options.Add(reps);
        command.Options.Add(coldChild);
        command.SetAction(result =>
        {
            if (result.GetValue(coldChild) is { } child)
            {
                Console.WriteLine(ColdStartBenchmark.RunChild(child));
                return 0;
            }
            string[] names = BenchSuite.Select(result.GetValue(workload));
            int repetitions = result.GetValue(reps);
            if (repetitions < 1) throw new ConfigException($"--repetitions must be >= 1 (got {repetitions}).");
            if (result.GetValue(json) is { } jsonPath) NewFile.Require("--json", jsonPath);
            AnsiConsole.MarkupLine("[grey]measuring the FMA peak...[/]");
            double peak = StepBenchmark.MeasurePeakGflops();
            var results = new List<WorkloadResult>();
            foreach (string name in names)
            {
                AnsiConsole.MarkupLine($"[grey]timing {name}...[/]");
                results.Add(BenchSuite.Run(name, repetitions, peak));
            }
            var table = new Table().AddColumns("workload", "µs/step", "spread %", "steps/s", "GFLOP/s", "% of FMA peak", "bytes/step", "target", "met");
            foreach (var r in results)
                table.AddRow(Markup.Escape(r.Unit == "step" ? r.Name : $"{r.Name} (µs per {r.Unit})"), r.UsPerStep.ToString("F1"), Show(r.SpreadPercent, "F1"),
                    r.StepsPerSecond.ToString("F0"), Show(r.Gflops, "F1"),
                    Show(r.PercentOfPeak, "F1"), Show(r.AllocatedBytesPerStep, "F0"),
                    Markup.Escape(double.IsNaN(r.ColdRatio) ? r.Target : $"{r.Target}: {r.ColdRatio:F2}x of {r.SteadyUsPerStep:F1}"),
                    r.TargetMet is { } met ? Terminal.Verdict(met, "met", "NOT met") : "");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"FMA peak of one core, measured: {peak:F1} GFLOP/s. A step target is met only with 0 bytes allocated per step; " +
                $"the floor is the step's data-and-noise sampling plus its FLOPs at peak; cold-X: µs per step over the first {ColdStartBenchmark.Steps} steps of a fresh process; " +
                $"µs/step is the median of {repetitions} repetitions, spread their (slowest - fastest) / median.");
            foreach (var r in results.Where(r => double.IsFinite(r.SamplingUsPerStep)))
                AnsiConsole.MarkupLine($"[grey]{r.Name}: sampling {r.SamplingUsPerStep:F1} µs, FLOPs at peak {r.FlopsPerStep / (peak * 1e3):F1} µs, {r.FlopsPerStep:N0} FLOP per step[/]");
            if (result.GetValue(json) is { } path) BenchSuite.WriteJson(path, peak, results);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Show(double v, string format) => double.IsFinite(v) ? v.ToString(format) : "";
}

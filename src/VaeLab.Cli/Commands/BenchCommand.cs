using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using VaeLab.Benchmarking;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab bench`: µs per training step on the paper's workloads, one thread, batch 100.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Time full training steps (data and noise included) on one thread: linear, sigmoid and sphere workloads.");
        var workload = new Option<string?>("--workload") { Description = "linear, sigmoid or sphere (default all)", HelpName = "name" };
        var json = new Option<string?>("--json") { Description = "also write the results as JSON", HelpName = "file" };
        var reps = new Option<int>("--repetitions") { Description = "timed repetitions; the median is reported (default 7)", DefaultValueFactory = _ => 7 };
        command.Options.Add(workload);
        command.Options.Add(json);
        command.Options.Add(reps);
        command.SetAction(result =>
        {
            string[] names = BenchmarkWorkloads.Names;
            if (result.GetValue(workload) is { } w)
            {
                BenchmarkWorkloads.Config(w); // validates the name
                names = [w];
            }
            int repetitions = result.GetValue(reps);
            if (repetitions < 1) throw new ConfigException($"--repetitions must be >= 1 (got {repetitions}).");
            AnsiConsole.MarkupLine("[grey]measuring the FMA peak...[/]");
            double peak = StepBenchmark.MeasurePeakGflops();
            var results = new List<WorkloadResult>();
            foreach (string name in names)
            {
                AnsiConsole.MarkupLine($"[grey]timing {name}...[/]");
                results.Add(StepBenchmark.Run(name, repetitions, peakGflops: peak));
            }
            var table = new Table().AddColumns("workload", "µs/step", "steps/s", "GFLOP/s", "% of FMA peak", "bytes/step");
            foreach (var r in results)
                table.AddRow(r.Name, r.UsPerStep.ToString("F1"), r.StepsPerSecond.ToString("F0"), r.Gflops.ToString("F1"), r.PercentOfPeak.ToString("F1"), r.AllocatedBytesPerStep.ToString("F0"));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"FMA peak of one core, measured: {peak:F1} GFLOP/s");
            if (result.GetValue(json) is { } path)
            {
                var env = RunEnvironment.Current(1);
                var node = new JsonObject
                {
                    ["machine"] = JsonSerializer.SerializeToNode(env, Json.Options),
                    ["peakGflops"] = peak,
                    ["workloads"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                    {
                        ["name"] = r.Name,
                        ["usPerStep"] = r.UsPerStep,
                        ["stepsPerSecond"] = r.StepsPerSecond,
                        ["gflops"] = r.Gflops,
                        ["percentOfPeak"] = r.PercentOfPeak,
                        ["allocatedBytesPerStep"] = r.AllocatedBytesPerStep,
                        ["flopsPerStep"] = r.FlopsPerStep,
                        ["repetitionsUs"] = new JsonArray(r.RepetitionsUs.Select(v => (JsonNode)v).ToArray()),
                    }).ToArray()),
                };
                AtomicFile.WriteText(path, node.ToJsonString(Json.Options));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

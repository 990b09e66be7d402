using System.CommandLine;
using Spectre.Console;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Reporting;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab sweep FILE.json` (optionally one shard of it) and `vaelab sweep collect DIR`.</summary>
public static class SweepCommand
{
    public const string SpecFile = "sweep.json";

    public static Command Create()
    {
        var command = new Command("sweep", "Run a grid of settings x seeds on the reproduce runner: parallel, resumable, sharded with --shard i/N; writes results.csv.");
        var file = new Argument<string>("FILE") { Description = "sweep file: { \"name\", \"base\": {settings}, \"grid\": {setting: [values]}, \"seeds\": [...], \"dataSeeds\": [...] }" };
        var output = new Option<string?>("--out") { Description = "output folder (default results/sweeps/NAME); shards of one sweep share it", HelpName = "dir" };
        var jobs = new Option<int>("--jobs") { Description = "runs in parallel (default: the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "run only part i of N (0 <= i < N), e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT", HelpName = "i/N" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar" };
        command.Arguments.Add(file);
        foreach (var o in new Option[] { output, jobs, shard, quiet }) command.Options.Add(o);
        command.SetAction(r =>
        {
            string path = r.GetValue(file)!;
            var spec = SweepSpec.Read(path);
            var all = spec.Expand();
            var (index, count) = r.GetValue(shard) is { } s ? SweepSpec.ParseShard(s) : (0, 1);
            var runs = SweepSpec.Shard(all, index, count);
            int workers = r.GetValue(jobs);
            if (workers < 1) throw new ConfigException($"--jobs must be >= 1 (got {workers}).");
            string outDir = r.GetValue(output) ?? Path.Combine("results", "sweeps", spec.Name);
            Directory.CreateDirectory(outDir);
            AtomicFile.WriteText(Path.Combine(outDir, SpecFile), File.ReadAllText(path));
            bool show = !r.GetValue(quiet);
            if (show) AnsiConsole.MarkupLine($"sweep [bold]{Markup.Escape(spec.Name)}[/]: {runs.Count} of {all.Count} runs{(count > 1 ? $" (shard {index}/{count})" : "")} on {workers} worker(s) into [blue]{Markup.Escape(outDir)}[/]");
            var outcomes = GridExecution.Run(runs, outDir, workers, show);
            var failed = outcomes.Where(o => o.Status == "failed").ToArray();
            foreach (var f in failed) AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(f.Run.RelativeDir)}: {Markup.Escape(f.Error ?? "")}");
            if (count == 1 && failed.Length == 0) Collect(outDir);
            else if (count > 1) AnsiConsole.MarkupLine($"shard {index}/{count} done; when every shard has finished: [bold]vaelab sweep collect {Markup.Escape(outDir)}[/]");
            return failed.Length == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });

        var collect = new Command("collect", "Merge the runs of all shards of a sweep folder into results.csv.");
        var dir = new Argument<string>("DIR") { Description = "the --out folder the shards wrote into" };
        collect.Arguments.Add(dir);
        collect.SetAction(r => { Collect(r.GetValue(dir)!); return ExitCodes.Success; });
        command.Subcommands.Add(collect);
        return command;
    }

    /// <summary>Writes DIR/results.csv from every run of the sweep in DIR; fails naming the runs not finished yet.</summary>
    public static void Collect(string outDir)
    {
        string specPath = Path.Combine(outDir, SpecFile);
        if (!File.Exists(specPath)) throw new ConfigException($"'{outDir}' is not a sweep folder (no {SpecFile}).");
        var runs = SweepSpec.Read(specPath).Expand();
        var outcomes = runs.Select(run => new GridRunOutcome(run, Path.Combine(outDir, run.RelativeDir), "skipped", null)).ToArray();
        var missing = outcomes.Where(o => !RunLayout.IsComplete(o.Dir) || !RunLayout.IsAnalysed(o.Dir)).ToArray();
        if (missing.Length > 0)
            throw new ConfigException($"{missing.Length} of {runs.Count} runs are not finished (first: {missing[0].Run.RelativeDir}); run the remaining shards, then collect again.");
        AtomicFile.WriteText(Path.Combine(outDir, "results.csv"), ReproduceReport.ResultsCsv(ReproduceReport.Load(outcomes)));
        AnsiConsole.MarkupLine($"collected {runs.Count} runs into [blue]{Markup.Escape(Path.Combine(outDir, "results.csv"))}[/]");
    }
}

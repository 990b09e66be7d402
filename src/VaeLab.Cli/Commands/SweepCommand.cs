using System.CommandLine;
using Spectre.Console;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Reporting;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab sweep FILE.json` (optionally one shard of it) and `vaelab sweep collect DIR`.</summary>
public static class SweepCommand
{
    public const string SpecFile = SweepReport.SpecFile;

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
            SafeFolder.RequireFolderPath(outDir, "--out"); // before sweep.json is looked for under it
            string specText = File.ReadAllText(path), earlier = Path.Combine(outDir, SpecFile);
            // Shards and reruns give the same file; another sweep into the same folder would mix its runs with these.
            if (File.Exists(earlier) && File.ReadAllText(earlier) != specText)
                throw new ConfigException($"--out '{outDir}' holds another sweep (its {SpecFile} differs from '{path}'); pass a new folder, or the same sweep file to continue it.");
            SafeFolder.ClaimGridOutput(outDir, "--out", $"sweep {spec.Name}");
            AtomicFile.WriteText(Path.Combine(outDir, SpecFile), specText);
            bool show = !r.GetValue(quiet);
            if (show) AnsiConsole.MarkupLine($"sweep [bold]{Markup.Escape(spec.Name)}[/]: {runs.Count} of {all.Count} runs{(count > 1 ? $" (shard {index}/{count})" : "")} on {workers} worker(s) into [blue]{Markup.Escape(outDir)}[/]");
            var outcomes = GridExecution.Run(runs, outDir, workers, show);
            var failed = outcomes.Where(o => o.Status == "failed").ToArray();
            foreach (var f in failed) AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(f.Run.RelativeDir)}: {Markup.Escape(f.Error ?? "")}");
            int busy = outcomes.Count(o => o.Status == GridRunner.Busy);
            if (busy > 0)
                Console.Error.WriteLine($"note: {busy} run(s) are being trained by another vaelab process and were left alone; when it has finished: vaelab sweep collect {outDir}");
            if (count == 1 && failed.Length == 0 && busy == 0) Collect(outDir);
            else if (count > 1) AnsiConsole.MarkupLine($"shard {index}/{count} done; when every shard has finished: [bold]vaelab sweep collect {Markup.Escape(outDir)}[/]");
            return failed.Length == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });

        var collect = new Command("collect", "Merge the runs of all shards of a sweep folder into results.csv.");
        var dir = new Argument<string>("DIR") { Description = "the --out folder the shards wrote into" };
        collect.Arguments.Add(dir);
        collect.SetAction(r => { Collect(r.GetValue(dir)!); return ExitCodes.Success; });
        command.Subcommands.Add(collect);
        command.Subcommands.Add(CreatePlot());
        return command;
    }

    private static Command CreatePlot()
    {
        var plot = new Command("plot", "Plot a metric, a claim or an outcome over the grid axes of a finished sweep: a line with a 95% interval over seeds (--x), or a heatmap (--x and --y); PNG into DIR/plots/, and into report.html.");
        var dir = new Argument<string>("DIR") { Description = "a finished sweep folder (the --out of vaelab sweep)" };
        var x = new Option<string>("--x") { Description = "grid setting along the x axis, e.g. learningRate", Required = true, HelpName = "setting" };
        var y = new Option<string?>("--y") { Description = "second grid setting: draws a heatmap", HelpName = "setting" };
        var metric = new Option<string>("--metric") { Description = "a column of results.csv (mean), a claim C1..C11 (fraction of runs where it holds), or outcome[=VALUE] (fraction of runs with that outcome, default strict-superset)", Required = true, HelpName = "name" };
        var output = new Option<string?>("--out") { Description = "PNG file (default DIR/plots/METRIC-by-X[-Y].png)", HelpName = "file" };
        plot.Arguments.Add(dir);
        foreach (var o in new Option[] { x, y, metric, output }) plot.Options.Add(o);
        plot.SetAction(r =>
        {
            string outDir = r.GetValue(dir)!;
            if (r.GetValue(output) is { } png) NewFile.Require("--out", png);
            var (path, cells) = SweepReport.Plot(outDir, r.GetValue(x)!, r.GetValue(y), r.GetValue(metric)!, r.GetValue(output));
            var t = new Table().AddColumns(r.GetValue(x)!, r.GetValue(y) ?? "series", "runs", "value", "95% interval");
            foreach (var c in cells)
                t.AddRow(Markup.Escape(c.X), Markup.Escape(c.Y), $"{c.Runs}", ClaimRules.G(c.Value), double.IsNaN(c.Lower) ? "–" : Markup.Escape($"[{ClaimRules.G(c.Lower)}, {ClaimRules.G(c.Upper)}]"));
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(path)}[/] and [blue]{Markup.Escape(Path.Combine(outDir, HtmlReportWriter.FileName))}[/]");
            return ExitCodes.Success;
        });
        return plot;
    }

    /// <summary>Writes DIR/results.csv and DIR/report.html from every run of the sweep in DIR; fails naming the runs not finished yet.</summary>
    public static void Collect(string outDir)
    {
        var (_, records) = SweepReport.Load(outDir);
        AtomicFile.WriteText(Path.Combine(outDir, "results.csv"), ReproduceReport.ResultsCsv(records));
        SweepReport.Write(outDir, records);
        AnsiConsole.MarkupLine($"collected {records.Count} runs into [blue]{Markup.Escape(Path.Combine(outDir, "results.csv"))}[/] and [blue]{Markup.Escape(Path.Combine(outDir, HtmlReportWriter.FileName))}[/]");
    }
}

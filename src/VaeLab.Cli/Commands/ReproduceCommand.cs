using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Diagnostics;
using VaeLab.Grids;
using VaeLab.Reporting;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab reproduce`: the paper's three grids, analysed, with report.md and results.csv.</summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var command = new Command("reproduce", "Rerun the paper's linear, sigmoid and sphere grids (18 configurations x 3 data seeds x --model-seeds), judge every claim with intervals, write report.md and results.csv. Resumable.");
        var profile = new Option<string>("--profile") { Description = "quick (default, minutes) or paper (the paper's step counts)", DefaultValueFactory = _ => "quick" };
        var jobs = new Option<int>("--jobs") { Description = "runs in parallel (default: the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out") { Description = "output folder (default results/PROFILE)", HelpName = "dir" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar" };
        var modelSeeds = new Option<int?>("--model-seeds") { Description = "model seeds per data seed in every grid (default: quick 2, 2, 1; paper 2 for linear, sigmoid, sphere)", HelpName = "K" };
        var grids = new Option<string?>("--grids") { Description = "comma-separated subset of linear,sigmoid,sphere (default: all three)", HelpName = "names" };
        command.Options.Add(modelSeeds);
        command.Options.Add(grids);
        command.Options.Add(profile);
        command.Options.Add(jobs);
        command.Options.Add(output);
        command.Options.Add(quiet);
        command.SetAction(result =>
        {
            string name = result.GetValue(profile)!;
            int? k = result.GetValue(modelSeeds);
            string? gridList = result.GetValue(grids);
            var selected = gridList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var runs = PaperGrids.All(name, k, selected);
            int workers = result.GetValue(jobs);
            if (workers < 1) throw new ConfigException($"--jobs must be >= 1 (got {workers}).");
            string outDir = result.GetValue(output) ?? Path.Combine("results", name);
            SafeFolder.ClaimGridOutput(outDir, "--out", $"reproduce --profile {name}");
            var clock = Stopwatch.StartNew();
            bool show = !result.GetValue(quiet);
            if (show) AnsiConsole.MarkupLine($"[bold]reproduce[/] {Markup.Escape(PaperGrids.Describe(name, k))}\n{runs.Count} runs on {workers} worker(s) into [blue]{Markup.Escape(outDir)}[/]");
            string commandLine = "vaelab reproduce --profile " + name + (result.GetValue(output) is { } o ? " --out " + o : "") + $" --jobs {workers}"
                + (k is { } kk ? $" --model-seeds {kk}" : "") + (gridList != null ? $" --grids {gridList}" : "");
            var done = Reproduction.Run(runs, name, k, outDir, workers, commandLine, rs => GridExecution.Run(rs, outDir, workers, show),
                step => { if (show) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(step)}[/]"); });
            var (outcomes, records, theory) = (done.Outcomes, done.Records, done.Theory);
            PrintClaims(records);
            foreach (var c in new[] { theory.C10!, theory.C11! })
                AnsiConsole.MarkupLine($"{c.Id} (linear theory): {Terminal.Verdict(c.Status)}");
            int trained = outcomes.Count(x => x.Status == "trained"), skipped = outcomes.Count(x => x.Status == "skipped");
            var failed = done.Failed;
            AnsiConsole.MarkupLine($"{trained} trained, {skipped} already finished, {failed.Length} failed in {clock.Elapsed.TotalSeconds:F0} s. Report: [blue]{Markup.Escape(Path.Combine(outDir, "report.md"))}[/]");
            foreach (var f in failed) AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(f.Run.RelativeDir)}: {Markup.Escape(f.Error ?? "")}");
            return failed.Length == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static void PrintClaims(IReadOnlyList<RunRecord> records)
    {
        var judged = ReproduceReport.Judged(records);
        var t = new Table().AddColumns("claim", "statement", "linear", "sigmoid", "sphere");
        foreach (var c in ClaimRules.Definitions)
        {
            var cells = PaperGrids.Names.Select(g => ClaimTallies.Tally(judged, c.Id, g))
                .Select(x => x.Trained == 0 && x.Collapsed == 0 ? "–"
                    : $"[{Terminal.VerdictColour(x.Verdict == ClaimRules.Holds, x.OnPapersSide)}]{x.Holds.Successes}/{x.Trained}[/]" + (x.Collapsed > 0 ? $" ({x.Collapsed} collapsed)" : "")).ToArray();
            t.AddRow(c.Id, Markup.Escape(c.Statement), cells[0], cells[1], cells[2]);
        }
        AnsiConsole.Write(t);
    }
}

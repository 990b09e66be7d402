using System.CommandLine;
using Spectre.Console;
using VaeLab.Core;
using VaeLab.Reporting;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab compare DIR PAPER_DIR...`: do two reproductions (e.g. quick and paper profile) give the same verdicts?</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var command = new Command("compare", "Compare the per-grid claim tallies of two 'vaelab reproduce' folders (e.g. the quick profile against --profile paper): verdicts on the same side, rates not significantly different (Newcombe 1998).");
        var other = new Argument<string>("DIR") { Description = "a reproduce folder, e.g. of the quick profile" };
        var paper = new Argument<string[]>("PAPER_DIR") { Description = "the reproduce folder(s) it is checked against, e.g. of --profile paper; the runs of several folders (one per --grids) are pooled", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "also write the comparison as Markdown to this file (it must not exist)", HelpName = "file.md" };
        command.Arguments.Add(other);
        command.Arguments.Add(paper);
        command.Options.Add(output);
        command.SetAction(r =>
        {
            string a = r.GetValue(other)!;
            string[] b = r.GetValue(paper)!;
            if (string.IsNullOrWhiteSpace(a) || b.Any(string.IsNullOrWhiteSpace))
                throw new ConfigException("compare: a folder argument is empty; give the output folders of two reproduce runs, e.g. results/quick results/paper.");
            string? path = r.GetValue(output);
            if (path != null) NewFile.Require("--out", path);
            var rows = ProfileComparison.Compare(a, b, out var onlyPaper);
            string otherLabel = ProfileComparison.Label(a), paperLabel = string.Join(" + ", b.Select(ProfileComparison.Label));
            var table = new Table().AddColumns("grid", "claim", Markup.Escape(otherLabel), Markup.Escape(paperLabel), "agree", "why");
            foreach (var x in rows)
                table.AddRow(x.Grid, x.Claim, ProfileComparison.Cell(x.Claim, x.Other), ProfileComparison.Cell(x.Claim, x.Paper),
                    Terminal.Verdict(x.Agrees, "yes", "no"), Markup.Escape(x.Why));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{rows.Count(x => x.Agrees)} of {rows.Count} rows agree (same side, and rates not significantly different).");
            if (onlyPaper.Count > 0) AnsiConsole.MarkupLine($"not compared (no run in {Markup.Escape(otherLabel)}): {string.Join(", ", onlyPaper)}");
            if (path != null)
            {
                try
                {
                    AtomicFile.WriteText(path, ProfileComparison.Markdown(rows, otherLabel, paperLabel), overwrite: false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new ConfigException($"--out '{path}' could not be written ({e.Message}): give a new file in a writable folder.");
                }
                AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(path)}[/]");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.Text.Json;
using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Reporting;
using VaeLab.Theory;
using VaeLab.Training;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab theory linear`: the linear VAE in closed form (superset optima, gradient flow).</summary>
public static class TheoryCommand
{
    public static Command Create()
    {
        var theory = new Command("theory", "Closed-form theory of the linear VAE (SCIENCE.md section 8).");
        var linear = new Command("linear", "Exact population loss: superset optima (C10) and gradient flow vs Adam (C11); prints tables, writes figures and theory.json.");
        var d = new TheorySettings();
        var intrinsic = new Option<int>("--intrinsic") { Description = $"r = k, columns of A (default {d.Intrinsic})", DefaultValueFactory = _ => d.Intrinsic };
        var ambient = new Option<int>("--ambient") { Description = $"n (default {d.Ambient})", DefaultValueFactory = _ => d.Ambient };
        var latent = new Option<int>("--latent") { Description = $"m (default {d.Latent})", DefaultValueFactory = _ => d.Latent };
        var dataDim = new Option<int>("--data-dim") { Description = "D, rows of A (default r)", DefaultValueFactory = _ => d.DataDim };
        var dataSeed = new Option<ulong>("--data-seed") { Description = $"seed of A (default {d.DataSeed})", DefaultValueFactory = _ => d.DataSeed };
        var flowSteps = new Option<long>("--flow-steps") { Description = $"Euler steps of the gradient flow (default {d.FlowSteps})", DefaultValueFactory = _ => d.FlowSteps };
        var adamSteps = new Option<int>("--adam-steps") { Description = $"Monte Carlo Adam steps from the same starts; 0 skips (default {d.AdamSteps})", DefaultValueFactory = _ => d.AdamSteps };
        var output = new Option<string>("--out") { Description = "folder for figures and theory.json (default results/theory)", DefaultValueFactory = _ => Path.Combine("results", "theory") };
        foreach (var o in new Option[] { intrinsic, ambient, latent, dataDim, dataSeed, flowSteps, adamSteps, output }) linear.Options.Add(o);
        linear.SetAction(r =>
        {
            var settings = d with
            {
                Intrinsic = r.GetValue(intrinsic), Ambient = r.GetValue(ambient), Latent = r.GetValue(latent), DataDim = r.GetValue(dataDim),
                DataSeed = r.GetValue(dataSeed), FlowSteps = r.GetValue(flowSteps), AdamSteps = r.GetValue(adamSteps),
            };
            settings.Validate();
            string dir = r.GetValue(output)!;
            // A folder of an earlier `theory linear` (its theory.json) is VaeLab's to write again; any other must be new or empty.
            CheckTheoryFolder(dir);
            if (TheoryCost.Warning(settings) is { } warning) Console.Error.WriteLine(warning);
            var clock = Stopwatch.StartNew();
            var result = TheoryClaims.Run(settings, s => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(s)}...[/]"));
            TheoryReport.Write(result, dir);
            string md = TheoryReport.Markdown(result, "");
            AtomicFile.WriteText(Path.Combine(dir, "theory.md"), md);
            Print(result);
            AnsiConsole.MarkupLine($"wrote figures, theory.md and theory.json to [blue]{Markup.Escape(dir)}[/] in {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Success;
        });
        theory.Subcommands.Add(linear);
        return theory;
    }

    // A folder theory may write into: new, empty, marked by an earlier theory, or (before the marker) holding only what
    // theory writes, with a theory.json of its schema (settings, superset rows, C10 and C11). Throws otherwise.
    private static void CheckTheoryFolder(string dir)
    {
        SafeFolder.RequireFolderPath(dir, "--out");
        if (!Directory.Exists(dir) || SafeFolder.IsEmpty(dir) || File.Exists(Path.Combine(dir, TheoryReport.MarkerFile))) return;
        if (SafeFolder.FirstForeignEntry(dir, n => n is "theory.json" or "theory.md" || n.EndsWith(".png", StringComparison.Ordinal)) is { } foreign)
            throw new ConfigException($"--out '{dir}' holds '{foreign}', which theory does not write; pass a new or empty folder (VaeLab never overwrites what it did not create).");
        if (!SafeFolder.JsonFileMatches(Path.Combine(dir, "theory.json"), 64 << 20, root =>
                root.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("superset", out var rows) && rows.ValueKind == JsonValueKind.Array
                && root.TryGetProperty("c10", out _) && root.TryGetProperty("c11", out _)))
            throw new ConfigException($"--out '{dir}' is not empty and holds no theory.json of VaeLab's; pass a new or empty folder (VaeLab never overwrites what it did not create).");
    }

    private static void Print(TheoryResult result)
    {
        var s = new Table().AddColumns("s", "loss σ²=1e-2", "1e-4", "1e-6", "1e-8", "fitted slope", "predicted", "off-subspace E‖(I-P)x‖²");
        foreach (var row in result.Superset)
        {
            string[] cells = [row.Extra.ToString(), .. TheoryReport.SupersetTableLosses(row).Select(v => v.ToString("F2")),
                row.FittedSlope.ToString("F4"), row.PredictedSlope.ToString("F1"), $"{row.OffSubspaceEnergy:G3} (sampled {row.OffSubspaceSampled:G3})"];
            s.AddRow(cells);
        }
        AnsiConsole.Write(new Panel(s).Header("superset optima (C10)"));
        var f = new Table().AddColumns("trajectory", "σ² end", "singular values of W at the end", "‖(I-P)W‖ start → end");
        foreach (var (key, path) in result.Trajectories)
            f.AddRow(Markup.Escape(key), Math.Exp(path[^1].Eta).ToString("G3"), string.Join(" ", path[^1].SingularValues.Take(result.Rank + 3).Select(v => v.ToString("G3"))),
                $"{path[0].OffSubspaceNorm:G3} → {path[^1].OffSubspaceNorm:G3}");
        AnsiConsole.Write(new Panel(f).Header("gradient flow and Adam (C11)"));
        foreach (var c in new[] { result.C10!, result.C11! })
            AnsiConsole.MarkupLine($"{c.Id}: {Terminal.Verdict(c.Status)} — {Markup.Escape(c.Measurement)}");
    }
}

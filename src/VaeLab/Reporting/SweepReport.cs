using VaeLab.Claims;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>report.html of a sweep folder: its claims, its runs and the plots of `vaelab sweep plot` (DIR/plots/*.png).</summary>
public static class SweepReport
{
    /// <summary>The sweep folder's plot folder and the sweep specification's file name.</summary>
    public const string PlotsFolder = "plots", SpecFile = "sweep.json";

    /// <summary>The sweep of folder <paramref name="outDir"/> and its runs; fails naming the runs not finished yet.</summary>
    public static (SweepSpec Spec, IReadOnlyList<RunRecord> Records) Load(string outDir)
    {
        string specPath = Path.Combine(outDir, SpecFile);
        if (!File.Exists(specPath)) throw new ConfigException($"'{outDir}' is not a sweep folder (no {SpecFile}).");
        var spec = SweepSpec.Read(specPath);
        var runs = spec.Expand();
        var outcomes = runs.Select(run => new GridRunOutcome(run, Path.Combine(outDir, run.RelativeDir), "skipped", null)).ToArray();
        var missing = outcomes.Where(o => !RunLayout.IsComplete(o.Dir) || !RunLayout.IsAnalysed(o.Dir)).ToArray();
        if (missing.Length > 0)
            throw new ConfigException($"{missing.Length} of {runs.Count} runs are not finished (first: {missing[0].Run.RelativeDir}); run the remaining shards, then collect again.");
        var mixed = outcomes.Where(o => !RunFolder.HasConfig(o.Dir, o.Run.Config)).ToArray();
        if (mixed.Length > 0)
            throw new ConfigException($"{mixed.Length} of {runs.Count} runs in '{outDir}' were trained with other settings than its {SpecFile} (first: {mixed[0].Run.RelativeDir}); " +
                "rerun the sweep with the same file to retrain them, or collect into another folder.");
        return (spec, ReproduceReport.Load(outcomes));
    }

    /// <summary>`vaelab sweep plot`: draws DIR/plots/METRIC-by-X[-Y].png (or <paramref name="path"/>), then rewrites DIR/report.html with it.</summary>
    public static (string Path, IReadOnlyList<SweepPlotCell> Cells) Plot(string outDir, string x, string? y, string metricName, string? path)
    {
        var metric = SweepMetric.Parse(metricName);
        var (spec, records) = Load(outDir);
        string file = path ?? Path.Combine(outDir, PlotsFolder, $"{Safe(metricName)}-by-{Safe(x)}{(y != null ? "-" + Safe(y) : "")}.png");
        if (Path.GetExtension(file).ToLowerInvariant() != ".png") throw new ConfigException($"--out '{file}' must end in .png.");
        var cells = SweepPlot.Draw(spec, records, x, y, metric, file, overwrite: path == null);
        Write(outDir, records);
        return (file, cells);
    }

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    /// <summary>Writes DIR/report.html from the finished runs of the sweep in <paramref name="outDir"/>.</summary>
    public static void Write(string outDir, IReadOnlyList<RunRecord> records)
    {
        var spec = SweepSpec.Read(Path.Combine(outDir, SpecFile));
        var facts = new List<string>
        {
            $"sweep {spec.Name}: {records.Count} runs",
            "grid: " + (spec.Grid.Count == 0 ? "none" : string.Join("; ", spec.Grid.Select(g => $"{g.Key} ∈ {{{string.Join(", ", g.Values.Select(v => v?.ToJsonString()))}}}"))),
            $"seeds: {string.Join(", ", spec.Seeds)}" + (spec.DataSeeds is { } ds ? $"; data seeds: {string.Join(", ", ds)}" : ""),
            "base settings: " + spec.Base.ToJsonString(),
        };
        var report = HtmlReportBuilder.Build($"VaeLab sweep {spec.Name}", facts, records, figures: HtmlReportBuilder.FiguresIn(Path.Combine(outDir, PlotsFolder)));
        HtmlReportWriter.Write(report, Path.Combine(outDir, HtmlReportWriter.FileName));
    }
}

using System.Globalization;
using System.Text;
using VaeLab.Diagnostics;
using VaeLab.Claims;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>
/// Fills an <see cref="HtmlReport"/> from finished runs: the claims table (tallies per grid, a verdict per claim
/// linking to the runs behind it), a sortable table of runs, and one section per run. The tally and verdict wording
/// live in <see cref="ClaimCell"/> and <see cref="VerdictCell"/> only, so a different tally (fractions with intervals)
/// changes two methods.
/// </summary>
public static class HtmlReportBuilder
{
    /// <summary>The report of <paramref name="records"/>; <paramref name="extraClaims"/> are verdicts judged outside the
    /// runs (C10, C11 by the linear theory); <paramref name="figures"/> are report-wide figures (sweep plots).</summary>
    public static HtmlReport Build(string title, IReadOnlyList<string> facts, IReadOnlyList<RunRecord> records,
        IReadOnlyList<ClaimVerdict>? extraClaims = null, IReadOnlyList<ReportFigure>? figures = null, IReadOnlyList<string>? notes = null)
    {
        string[] groups = records.Select(r => r.Run.Grid).Distinct().ToArray();
        var claimRows = new List<IReadOnlyList<ReportCell>>();
        var claimRuns = new Dictionary<string, IReadOnlyList<(string, string, string)>>();
        var unmeasured = new List<string>();
        foreach (var c in ClaimRules.Definitions)
        {
            var extra = extraClaims?.FirstOrDefault(e => e.Id == c.Id);
            var runs = records.Select(r => (Record: r, Verdict: r.Diagnostics.Claims.FirstOrDefault(v => v.Id == c.Id)))
                .Where(x => x.Verdict is { Status: ClaimRules.Holds or ClaimRules.Fails or ClaimRules.Collapsed }).ToArray();
            if (runs.Length > 0)
                claimRuns[c.Id] = runs.Select(x => (Anchor(x.Record), Title(x.Record), $"{x.Verdict!.Status}: {x.Verdict.Measurement}")).ToArray();
            if (runs.Length == 0 && extra == null)
            {
                unmeasured.Add(c.Id);
                continue;
            }
            var row = new List<ReportCell> { new(c.Id, SortKey: int.Parse(c.Id[1..])), $"{c.Statement} ({c.Source})", c.HoldsWhen };
            row.AddRange(groups.Select(g => ClaimCell(records.Where(r => r.Run.Grid == g), c.Id)));
            row.Add(VerdictCell(records, c.Id, extra));
            claimRows.Add(row);
        }
        var claimsTable = new ReportTable("claims", "Each verdict links to the runs behind it; click a column header to sort.",
            ["claim", "statement (source)", "holds when", .. groups, "verdict"], claimRows);
        var tables = records.Count > 1 ? new[] { RunsTable(records) } : [];
        var allNotes = (notes ?? []).ToList();
        if (unmeasured.Count > 0) allNotes.Add($"Not measured by any of these runs: {string.Join(", ", unmeasured)}.");
        return new HtmlReport(title, facts, claimsTable, claimRuns, tables, figures ?? [], records.Select(Section).ToArray(), allNotes);
    }

    /// <summary>The report of one analysed run folder (what `vaelab analyze` writes beside diagnostics.json).</summary>
    public static HtmlReport ForRun(string dir, RunDiagnostics diagnostics)
    {
        var config = RunFolder.ReadConfig(dir);
        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/', '\\'));
        var record = new RunRecord(new GridRun(KindNames.Of(config.Family), name, config), dir, RunFolder.ReadSummary(dir), diagnostics);
        return Build($"VaeLab run {name}", [$"run folder: {Path.GetFullPath(dir)}", $"family {diagnostics.Family}, {config.Steps:N0} steps, seed {config.Seed}"], [record]);
    }

    /// <summary>Report-wide figures: every PNG in <paramref name="folder"/> (sorted by name), none when it does not exist.</summary>
    public static IReadOnlyList<ReportFigure> FiguresIn(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Select(p => new ReportFigure(Path.GetFileNameWithoutExtension(p), p)).ToArray()
        : [];

    /// <summary>"k/N: p% [lo%, hi%]" over the trained runs of one group (Wilson 95% interval; collapsed runs counted apart), or "–".</summary>
    public static ReportCell ClaimCell(IEnumerable<RunRecord> records, string claim)
    {
        var (p, collapsed) = Count(records, claim);
        if (p.Trials == 0) return new ReportCell(collapsed > 0 ? $"– ({collapsed} collapsed)" : "–", SortKey: -1, Css: "na");
        return new ReportCell(TallyText(p, collapsed), $"#claim-{claim}", p.Fraction, Word(p));
    }

    /// <summary>The overall verdict: holds / fails / mixed with k/N, its Wilson interval and the collapsed count over all runs, the external verdict when given, or n/a.</summary>
    public static ReportCell VerdictCell(IReadOnlyList<RunRecord> records, string claim, ClaimVerdict? extra)
    {
        if (extra != null) return new ReportCell($"{extra.Status}: {extra.Measurement}", Css: extra.Status == ClaimRules.Holds ? "holds" : extra.Status == ClaimRules.Fails ? "fails" : "na");
        var (p, collapsed) = Count(records, claim);
        if (p.Trials == 0)
            return new ReportCell(collapsed > 0 ? $"n/a: every run collapsed ({collapsed})" : "n/a: no run measured it", SortKey: -1, Css: "na");
        return new ReportCell($"{Word(p)} ({TallyText(p, collapsed)})", $"#claim-{claim}", p.Fraction, Word(p));
    }

    // Holds among the trained runs where the claim applies, and the runs that collapsed (never counted as evidence).
    private static (Proportion Holds, int Collapsed) Count(IEnumerable<RunRecord> records, string claim)
    {
        int holds = 0, trials = 0, collapsed = 0;
        foreach (var r in records)
        {
            string? status = r.Diagnostics.Claims.FirstOrDefault(c => c.Id == claim)?.Status;
            if (status == ClaimRules.Collapsed) collapsed++;
            else if (status is ClaimRules.Holds or ClaimRules.Fails)
            {
                trials++;
                if (status == ClaimRules.Holds) holds++;
            }
        }
        return (Proportion.Of(holds, trials), collapsed);
    }

    private static string TallyText(Proportion p, int collapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Successes}/{p.Trials}: {100 * p.Fraction:F0}% [{100 * p.Lower:F0}%, {100 * p.Upper:F0}%]")
        + (collapsed > 0 ? $"; {collapsed} collapsed" : "");

    private static string Word(Proportion p) => p.Successes == p.Trials ? "holds" : p.Successes == 0 ? "fails" : "mixed";

    /// <summary>The element id of a run's section.</summary>
    public static string Anchor(RunRecord r)
    {
        var sb = new StringBuilder("run-");
        foreach (char ch in r.Run.RelativeDir.Replace('\\', '/').Replace("runs/", "")) sb.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '-');
        return sb.ToString();
    }

    private static string Title(RunRecord r) => Path.GetRelativePath("runs", r.Run.RelativeDir).Replace('\\', '/');

    private static ReportTable RunsTable(IReadOnlyList<RunRecord> records)
    {
        var claims = ClaimRules.Definitions.Where(c => records.Any(r => r.Diagnostics.Claims.Any(v => v.Id == c.Id && v.Status != ClaimRules.NotApplicable))).ToArray();
        var rows = records.Select(r =>
        {
            var row = new List<ReportCell>
            {
                new(Title(r), "#" + Anchor(r)), r.Run.Grid, new(r.Run.Config.Seed.ToString(), SortKey: r.Run.Config.Seed),
                ReportCell.Number(r.Summary.FinalLoss), ReportCell.Number(r.Diagnostics.DecoderVariance),
                ReportCell.Number(r.Diagnostics.ActiveLatents), ReportCell.Number(r.Diagnostics.DecoderRank),
                ReportCell.Number(r.Diagnostics.NoiseFree.RelativeToSignal),
                ReportCell.Number(r.Diagnostics.Family == "linear" ? r.Diagnostics.CovarianceRelativeError : r.Diagnostics.Mmd2),
            };
            row.AddRange(claims.Select(c => r.Diagnostics.Claims.FirstOrDefault(v => v.Id == c.Id) is { } v
                ? new ReportCell(v.Status, Css: v.Status == ClaimRules.Holds ? "holds" : v.Status == ClaimRules.Fails ? "fails" : "na")
                : new ReportCell(ClaimRules.NotApplicable, Css: "na")));
            return (IReadOnlyList<ReportCell>)row;
        }).ToArray();
        return new ReportTable("runs", "Every run (the rows of results.csv); density: covariance error (linear) or MMD² (nonlinear).",
            ["run", "grid", "seed", "negative ELBO", "σ²", "active", "rank", "off-manifold", "density", .. claims.Select(c => c.Id)], rows);
    }

    private static ReportRunSection Section(RunRecord r)
    {
        var d = r.Diagnostics;
        var numbers = new List<(string, string)>
        {
            ("family (r, n, m)", $"{d.Family} ({d.IntrinsicDim}, {d.AmbientDim}, {d.LatentDim})"),
            ("steps", r.Summary.Steps.ToString("N0")),
            ("negative ELBO", $"{ClaimRules.G(r.Summary.FinalLoss)} ± {ClaimRules.G(r.Summary.FinalLossStandardError)}"),
            ("decoder variance σ² (start, ratio)", $"{ClaimRules.G(d.DecoderVariance)} ({ClaimRules.G(d.InitialDecoderVariance)}, {ClaimRules.G(d.DecoderVarianceRatio)})"),
            ($"active latents (encoder variance < {ClaimRules.G(d.ActiveThreshold)})", $"{d.ActiveLatents} of {d.LatentDim}"),
            (d.AffineDecoder ? "decoder rank" : "median local rank", $"{d.DecoderRank}; singular values {string.Join(", ", d.DecoderSingularValues.Select(ClaimRules.G))}"),
            ("off-manifold error / E‖x‖², noise-free", ClaimRules.G(d.NoiseFree.RelativeToSignal)),
        };
        if (double.IsFinite(d.CovarianceRelativeError)) numbers.Add(("relative covariance error", ClaimRules.G(d.CovarianceRelativeError)));
        if (double.IsFinite(d.Mmd2)) numbers.Add(("MMD² (reference 99%)", $"{ClaimRules.G(d.Mmd2)} ({ClaimRules.G(d.Mmd2Reference99)})"));
        if (d.TwoStage is { } t)
            numbers.Add(("two-stage: off-manifold, density", $"{ClaimRules.G(t.NoiseFree.RelativeToSignal)}, {ClaimRules.G(d.Family == "linear" ? t.CovarianceRelativeError : t.Mmd2)}"));
        if (double.IsFinite(d.TwoNnDimension)) numbers.Add(("TwoNN dimension; PCA components 95% / 99%", $"{ClaimRules.G(d.TwoNnDimension)}; {d.PcaComponents95} / {d.PcaComponents99}"));
        var claimRows = d.Claims.Where(v => v.Status != ClaimRules.NotApplicable)
            .Select(v => (IReadOnlyList<ReportCell>)[new ReportCell(v.Id, SortKey: int.Parse(v.Id[1..])), new ReportCell(v.Status, Css: v.Status), v.Measurement, v.Criterion]).ToArray();
        string anchor = Anchor(r);
        var figures = FiguresIn(Path.Combine(r.Dir, RunLayout.FiguresFolder));
        string configPath = Path.Combine(r.Dir, RunLayout.ConfigFile);
        return new ReportRunSection(anchor, Title(r), numbers, new ReportTable(anchor + "-claims", "claim verdicts of this run", ["claim", "verdict", "measurement", "holds when"], claimRows),
            figures, File.Exists(configPath) ? File.ReadAllText(configPath) : "");
    }
}

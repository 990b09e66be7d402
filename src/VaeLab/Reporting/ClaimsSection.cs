using System.Globalization;
using System.Text;
using VaeLab.Claims;
using VaeLab.Diagnostics;

namespace VaeLab.Reporting;

/// <summary>
/// The judging part of report.md: what the paper claims against what was measured, the claims table with intervals and fragile
/// marks, the outcome mix per grid, threshold sensitivity and the disagreements with the paper. Reads only plain records.
/// </summary>
public static class ClaimsSection
{
    /// <summary>Folder (under the report's folder) of the per-grid outcome figures.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>The stacked-bar outcome figure of each grid, into OUT/figures/outcomes-GRID.png.</summary>
    public static void WriteFigures(string outDir, IReadOnlyList<JudgedRun> runs)
    {
        Directory.CreateDirectory(Path.Combine(outDir, FiguresFolder));
        foreach (string grid in ClaimTallies.Grids)
        {
            var mixes = ClaimTallies.Mixes(runs, grid);
            if (mixes.Count > 0) JudgingFigures.OutcomeMix(Path.Combine(outDir, FiguresFolder, $"outcomes-{grid}.png"), grid, mixes);
        }
    }

    /// <summary>The sections, in report order. <paramref name="extraClaims"/>: verdicts judged elsewhere (C10, C11 by the linear theory).</summary>
    public static string Markdown(IReadOnlyList<JudgedRun> runs, IReadOnlyList<ClaimVerdict>? extraClaims = null)
    {
        var summaries = ClaimTallies.Grids.ToDictionary(g => g, g => ClaimTallies.Summaries(runs, g).ToDictionary(s => s.Tally.Claim));
        var sb = new StringBuilder();
        sb.AppendLine("## What the paper claims and what we measured\n");
        foreach (var c in ClaimRules.Definitions)
        {
            var extra = extraClaims?.FirstOrDefault(e => e.Id == c.Id);
            var measured = ClaimTallies.Grids.Where(g => summaries[g].ContainsKey(c.Id))
                .Select(g => $"{g}: {Words(summaries[g][c.Id])}").ToArray();
            string what = extra != null ? $"{extra.Status} ({extra.Measurement})" : measured.Length == 0 ? "not measured in this run set" : string.Join("; ", measured);
            sb.AppendLine($"- **{c.Id}** {c.Statement} ({c.Source}). Measured: {what}.");
        }
        sb.AppendLine("\nA claim is judged on the runs that trained: a collapsed run (no active latent, or a loss not clearly below the best isotropic " +
            "Gaussian fit) is reported but never counted. Fractions carry 95% Wilson score intervals. A verdict is **holds** (every trained run), " +
            "**mostly holds** (the interval lies above one half), **split** (the interval contains one half: these runs cannot say which side the " +
            "claim is on), **mostly fails** (below one half) or **fails** (no run); **fragile** marks a verdict whose side (holds in at least half " +
            "of the runs, or not) flips when one of its thresholds is halved or doubled.\n");

        sb.AppendLine("## Claims\n");
        sb.AppendLine("| claim | statement (source) | holds when | linear | sigmoid | sphere | verdict |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var c in ClaimRules.Definitions)
        {
            var extra = extraClaims?.FirstOrDefault(e => e.Id == c.Id);
            var cells = ClaimTallies.Grids.Select(g => summaries[g].TryGetValue(c.Id, out var s) ? Cell(s) : "–").ToArray();
            var present = ClaimTallies.Grids.Where(g => summaries[g].ContainsKey(c.Id)).Select(g => summaries[g][c.Id]).ToArray();
            string verdict = extra != null ? $"**{extra.Status}**: {extra.Measurement}"
                : present.Length == 0 ? "n/a: no run measured it"
                : string.Join("; ", present.Select(s => $"{s.Tally.Grid} **{s.Tally.Verdict}**{(s.Fragile ? " (fragile)" : "")}"));
            sb.AppendLine($"| {c.Id} | {c.Statement} ({c.Source}) | {c.HoldsWhen} | {string.Join(" | ", cells)} | {verdict} |");
        }
        sb.AppendLine();
        sb.AppendLine(OutcomeSection(runs));
        sb.AppendLine(SensitivitySection(summaries));
        sb.AppendLine(Disagreements(summaries, extraClaims));
        return sb.ToString();
    }

    private static string Cell(ClaimSummary s) => s.Tally.Trained == 0 ? $"no trained run; {s.Tally.Collapsed} collapsed" :
        $"{s.Tally.Holds.Successes}/{s.Tally.Trained}: {Pct(s.Tally.Holds.Fraction)} [{Pct(s.Tally.Holds.Lower)}, {Pct(s.Tally.Holds.Upper)}]" +
        (s.Tally.Collapsed > 0 ? $"; {s.Tally.Collapsed} collapsed" : "") + (s.Fragile ? $"; **fragile** ({string.Join(", ", s.FragileThresholds)})" : "");

    private static string Words(ClaimSummary s) => s.Tally.Trained == 0
        ? $"no trained run ({s.Tally.Collapsed} collapsed)"
        : $"{s.Tally.Verdict}, {s.Tally.Text}{(s.Fragile ? " (fragile)" : "")}";

    private static string OutcomeSection(IReadOnlyList<JudgedRun> runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Outcomes of the runs\n");
        sb.AppendLine("Each run is `collapsed`, `correct` (generated points on the true manifold: e < τ_e), `strict-superset` (true points on the learned " +
            "manifold, c < τ_c, and it has more: e ≥ τ_e) or `wrong` (c ≥ τ_c and e ≥ τ_e), from containment c = E‖x − f(μ(x))‖²/E‖x‖² on 10,000 " +
            "true points and excess e = off-manifold error of 10,000 generated points / E‖x‖² (noise-free, E‖x‖² in closed form), τ_c = τ_e = 1e-3.\n");
        sb.AppendLine("| grid | configuration | runs | collapsed | correct | strict-superset | wrong | strict-superset among trained |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (string grid in ClaimTallies.Grids)
            foreach (var m in ClaimTallies.Mixes(runs, grid))
            {
                string label = m.Configuration ?? "**all**";
                sb.AppendLine($"| {grid} | {label} | {m.Total} | {m.Collapsed} | {m.Correct} | {m.StrictSuperset} | {m.Wrong} | {(m.Trained > 0 ? m.SupersetShare.Text("trained") : "–")} |");
            }
        sb.AppendLine();
        var collapsing = ClaimTallies.Grids.SelectMany(g => ClaimTallies.Mixes(runs, g)).Where(m => m.Configuration != null && m.Collapsed > 0).ToArray();
        sb.AppendLine(collapsing.Length == 0 ? "No run collapsed.\n"
            : "Configurations with collapsed runs: " + string.Join(", ", collapsing.Select(m => $"{m.Grid} {m.Configuration} ({m.Collapsed} of {m.Total})")) + ".\n");
        foreach (string grid in ClaimTallies.Grids)
            if (ClaimTallies.Mixes(runs, grid).Count > 0) sb.Append($"![{grid} outcomes]({FiguresFolder}/outcomes-{grid}.png) ");
        sb.AppendLine("\n");
        return sb.ToString();
    }

    private static string SensitivitySection(Dictionary<string, Dictionary<string, ClaimSummary>> summaries)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Threshold sensitivity\n");
        sb.AppendLine("Holds in k of N trained runs with one threshold scaled; the spec's value is 1x.\n");
        sb.AppendLine("| claim | grid | threshold | 0.1x | 0.5x | 1x | 2x | 10x |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (string grid in ClaimTallies.Grids)
            foreach (var s in summaries[grid].Values)
                foreach (var g in s.Sensitivity.GroupBy(p => p.Threshold))
                {
                    string K(double f) => g.First(p => p.Factor == f).Holds is var h ? $"{h.Successes}/{h.Trials}" : "";
                    bool fragile = s.FragileThresholds.Contains(g.Key);
                    sb.AppendLine($"| {s.Tally.Claim} | {grid} | {g.Key}{(fragile ? " **fragile**" : "")} | {K(0.1)} | {K(0.5)} | {s.Tally.Holds.Successes}/{s.Tally.Trained} | {K(2)} | {K(10)} |");
                }
        return sb.ToString();
    }

    private static string Disagreements(Dictionary<string, Dictionary<string, ClaimSummary>> summaries, IReadOnlyList<ClaimVerdict>? extraClaims)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Where we disagree with the paper\n");
        int count = 0;
        foreach (var c in ClaimRules.Definitions)
        {
            if (extraClaims?.FirstOrDefault(e => e.Id == c.Id) is { Status: ClaimRules.Fails } extra)
            {
                sb.AppendLine($"- {c.Id} ({c.Statement}): fails in the linear theory: {extra.Measurement}.");
                count++;
            }
            foreach (string grid in ClaimTallies.Grids)
                if (summaries[grid].TryGetValue(c.Id, out var s) && s.Tally.Trained > 0 && !s.Tally.OnPapersSide)
                {
                    sb.AppendLine($"- {c.Id} ({c.Statement}), {grid} grid: the paper says it holds; we measure **{s.Tally.Verdict}**: {s.Tally.Text}{(s.Fragile ? " (fragile)" : "")}.");
                    count++;
                }
        }
        if (count == 0) sb.AppendLine("None: every claim holds, or mostly holds (95% interval above one half), in every grid that measures it.");
        return sb.ToString();
    }

    private static string Pct(double v) => double.IsFinite(v) ? (100 * v).ToString("F0", CultureInfo.InvariantCulture) + "%" : "–";
}

using System.Globalization;
using System.Text;
using VaeLab.Dimension;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>
/// The dimension benchmark's Markdown report: per run (and per true dimension of a union) every estimator's mean
/// per-point estimate and the share of points it gets exactly right; the estimators ranked per family by mean
/// absolute error; and a plain verdict on what the VAE sees.
/// </summary>
public static class DimensionBenchmarkReport
{
    /// <summary>The report's file name in the benchmark folder.</summary>
    public const string File = "dimension-benchmark.md";

    /// <summary>The VAE is "right" at a true dimension when at least this share of its points have the exact local rank.</summary>
    public const double RightShare = 0.9;

    /// <summary>What the VAE's local rank says against the truth d: right, superset (mean ≥ d + 0.5), subset (mean ≤ d - 0.5) or mixed.</summary>
    public static string Verdict(DimensionScore vaeRank)
    {
        int d = vaeRank.TrueDimension ?? 0;
        if (vaeRank.ExactFraction >= RightShare) return "right";
        if (vaeRank.MeanEstimate >= d + 0.5) return "superset";
        if (vaeRank.MeanEstimate <= d - 0.5) return "subset";
        return "mixed";
    }

    /// <summary>Writes the report for the finished runs.</summary>
    public static string Build(string name, IReadOnlyList<DimensionResult> results, int failed)
    {
        var sb = new StringBuilder();
        string[] estimators = results.Count > 0 ? results[0].Estimates.Select(e => e.Estimator).ToArray() : [];
        sb.AppendLine($"# Dimension benchmark `{name}`\n");
        sb.AppendLine($"{results.Count} runs{(failed > 0 ? $", {failed} failed (see the runs' folders)" : "")}. Each cell: mean per-point estimate (share of points whose rounded estimate is exact). "
            + "vae-rank = local rank of the decoder Jacobian at μ(x); vae-active = latents with encoder variance below the active threshold at x.\n");
        sb.Append("| family | true dim | n | rotated | noise σ | VAE sees |");
        foreach (string e in estimators) sb.Append($" {e} |");
        sb.AppendLine();
        sb.Append("|---|---|---|---|---|---|");
        foreach (string _ in estimators) sb.Append("---|");
        sb.AppendLine();
        foreach (var r in results)
        {
            var dims = r.Scores.Where(s => s.TrueDimension != null).Select(s => s.TrueDimension!.Value).Distinct().Order().ToList();
            var groups = dims.Count > 0 ? dims.Select(d => (int?)d).ToList() : [null];
            foreach (int? d in groups)
            {
                var row = r.Scores.Where(s => s.TrueDimension == d).ToDictionary(s => s.Estimator);
                int truth = d ?? r.Truth.FirstOrDefault();
                var vae = row["vae-rank"] with { TrueDimension = truth };
                sb.Append($"| {r.Family} | {truth} | {r.AmbientDim} | {(r.Rotated ? "yes" : "no")} | {Math.Sqrt(r.NoiseVariance):G3} | {Verdict(vae)} |");
                foreach (string e in estimators) sb.Append($" {G(row[e].MeanEstimate)} ({row[e].ExactFraction * 100:0}%) |");
                sb.AppendLine();
            }
        }
        sb.AppendLine("\n## Estimators ranked per family (mean absolute error over all points and runs; lower is better)\n");
        foreach (var family in results.GroupBy(r => r.Family))
        {
            var ranked = estimators.Select(e => (e, mae: family.SelectMany(r => r.Scores.Where(s => s.Estimator == e && s.TrueDimension == null)).Average(s => s.MeanAbsoluteError)))
                .OrderBy(p => p.mae).Select(p => $"{p.e} {G(p.mae)}");
            sb.AppendLine($"- **{family.Key}**: {string.Join(" < ", ranked)}");
        }
        sb.AppendLine("\n## What the VAE sees\n");
        foreach (var verdict in new[] { "right", "superset", "subset", "mixed" })
        {
            var cases = results.SelectMany(r => r.Scores.Where(s => s.Estimator == "vae-rank" && (s.TrueDimension != null || r.Truth.Distinct().Count() == 1))
                    .Select(s => (r, s: s with { TrueDimension = s.TrueDimension ?? r.Truth[0] })))
                .Where(p => Verdict(p.s) == verdict)
                .Select(p => $"{p.r.Family}{(p.r.Rotated ? " rotated" : "")}{(p.r.NoiseVariance > 0 ? $" noise σ {Math.Sqrt(p.r.NoiseVariance):G3}" : "")} at dimension {p.s.TrueDimension} (mean {G(p.s.MeanEstimate)})")
                .ToList();
            if (cases.Count > 0) sb.AppendLine($"- **{verdict}** ({cases.Count}): {string.Join("; ", cases)}");
        }
        return sb.ToString();
    }

    private static string G(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00", CultureInfo.InvariantCulture);
}

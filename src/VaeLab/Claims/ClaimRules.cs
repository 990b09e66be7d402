using System.Globalization;
using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>Per-run verdicts for the claims, computed from the measurements only.</summary>
public static class ClaimRules
{
    /// <summary>A verdict's status: the claim holds, fails, does not apply (n/a), or the run collapsed (never counted).</summary>
    public const string Holds = "holds", Fails = "fails", NotApplicable = "n/a", Collapsed = "collapsed";

    /// <summary>C1-C11: statement, source, what is measured and when the claim holds (the report's table).</summary>
    public static readonly ClaimDefinition[] Definitions =
    [
        new("C1", "linear: decoder rank = r", "paper, implicit bias", "decoder rank", "rank = r"),
        new("C2", "linear: support = data subspace", "paper", "noise-free off-manifold error; principal angles", "error < 1e-4 E‖x‖², max angle < 1°"),
        new("C3", "linear: density on the subspace not recovered", "poster", "relative covariance error", "error > 0.05"),
        new("C4", "decoder variance -> 0", "Dai & Wipf 1", "final σ² / initial σ²", "< 1e-3"),
        new("C5", "active encoder latents = r", "Dai & Wipf 3", "active count", "count = r"),
        new("C6", "nonlinear: learned manifold strictly contains the true one", "paper", "outcome from containment c and excess e (noise-free, / E‖x‖²)", "outcome strict-superset: c < 1e-3 and e ≥ 1e-3"),
        new("C7", "nonlinear: density not recovered", "paper", "MMD² against true samples", "above the 99th percentile of MMD² over 20 pairs of true samples"),
        new("C8", "two-stage VAE repairs the density", "Dai & Wipf", "MMD² / covariance error, vanilla vs two-stage", "two-stage at most half of vanilla"),
        new("C9", "two-stage cannot repair a wrong manifold", "follows from C6", "off-manifold error, vanilla vs two-stage", "not lower by more than 3 standard errors"),
        new("C10", "linear landscape: higher-rank optima exist", "paper", "closed-form loss along the superset construction", "slope -(n - r - s)/2 per unit log(1/σ²)"),
        new("C11", "gradient flow from a superset start returns to rank r", "paper", "decoder spectrum over time", "extra singular values decay to 0"),
    ];

    /// <summary>
    /// The diagnostics judged: the outcome from its measurements at <paramref name="outcome"/> (the spec's τ_c = τ_e = 1e-3 by default),
    /// then the verdicts C1-C11 at the run's own rank and active thresholds (see <see cref="Evaluate"/>).
    /// </summary>
    public static RunDiagnostics Judge(RunDiagnostics d, OutcomeThresholds? outcome = null)
    {
        if (d.Outcome != null) d = d with { Outcome = OutcomeJudge.Judge(d.Outcome, outcome ?? new OutcomeThresholds()) };
        return d with { Claims = Evaluate(d, ThresholdsOf(d)) };
    }

    /// <summary>
    /// C1-C9 for one run at thresholds <paramref name="t"/> (the spec's by default); C8, C9 need a two-stage run; C10, C11 are
    /// judged by the linear theory and are n/a here. A collapsed run gets status "collapsed" for every claim it would be
    /// judged on: it is reported, never counted for or against a claim (SCIENCE.md section 9). Ranks and active counts are
    /// recomputed from the stored spectra and variances, so the verdicts can be re-judged at other thresholds.
    /// </summary>
    public static ClaimVerdict[] Evaluate(RunDiagnostics d, ClaimThresholds? t = null)
    {
        t ??= new ClaimThresholds();
        bool linear = d.Family == "linear" && d.AffineDecoder;
        int r = d.IntrinsicDim;
        var list = new List<ClaimVerdict>();
        int rank = d.AffineDecoder ? LinearAlgebra.Rank(d.DecoderSingularValues, t.Rank) : d.DecoderRank;
        list.Add(linear
            ? V("C1", rank == r, $"rank {rank} (r = {r}; threshold {G(t.Rank)} x largest); σ = [{Join(d.DecoderSingularValues)}]", $"rank = {r}")
            : Na("C1", "linear family with an affine decoder only"));
        if (linear)
        {
            double maxAngle = d.PrincipalAnglesDegrees.Length > 0 ? d.PrincipalAnglesDegrees.Max() : double.NaN;
            list.Add(V("C2", d.NoiseFree.RelativeToSignal < t.SupportError && maxAngle < t.SupportAngleDegrees,
                $"error/E‖x‖² = {G(d.NoiseFree.RelativeToSignal)}, max angle {G(maxAngle)}°", $"< {G(t.SupportError)} and < {G(t.SupportAngleDegrees)}°"));
            list.Add(V("C3", d.CovarianceRelativeError > t.CovarianceError, $"relative covariance error {G(d.CovarianceRelativeError)}", $"> {G(t.CovarianceError)}"));
        }
        else
        {
            list.Add(Na("C2", "linear family only"));
            list.Add(Na("C3", "linear family only"));
        }
        list.Add(V("C4", d.DecoderVarianceRatio < t.VarianceRatio, $"σ² ratio {G(d.DecoderVarianceRatio)} (σ² = {G(d.DecoderVariance)})", $"< {G(t.VarianceRatio)}"));
        int active = d.EncoderVariances.Count(v => v < t.Active);
        list.Add(d.Family == "file"
            ? Na("C5", "r is unknown for your own data")
            : V("C5", active == r, $"{active} active (threshold {G(t.Active)}; r = {r})", $"= {r}"));
        if (d.Family is "sigmoid" or "sphere")
        {
            list.Add(d.Outcome is { } o
                ? V("C6", OutcomeJudge.Rejudge(o, t.Outcome(new OutcomeThresholds(CollapseMarginNats: o.CollapseMargin))).Outcome == RunOutcome.StrictSuperset,
                    $"c = {G(o.Containment)}, e = {G(o.Excess)}; median local rank {d.DecoderRank} (r = {r})", $"strict-superset: c < {G(t.Containment)} and e ≥ {G(t.Excess)}")
                : Na("C6", "no outcome measured (analyse the run again)"));
            list.Add(V("C7", d.Mmd2 > t.MmdReference * d.Mmd2Reference99,
                $"MMD² {G(d.Mmd2)} vs reference 99th pct {G(d.Mmd2Reference99)} (n = {d.MmdSamples})", $"MMD² > {G(t.MmdReference)} x reference 99th percentile"));
        }
        else
        {
            list.Add(Na("C6", "nonlinear families only"));
            list.Add(Na("C7", "nonlinear families only"));
        }
        list.AddRange(TwoStageClaims(d, t));
        foreach (var id in new[] { "C10", "C11" }) list.Add(Na(id, "judged by the linear theory (vaelab theory linear)"));
        if (d.Outcome is { Trained: false } collapsed)
            return list.Select(v => v.Status == NotApplicable ? v : v with { Status = Collapsed, Measurement = $"not counted, the run collapsed ({collapsed.Reason}); {v.Measurement}" }).ToArray();
        return list.ToArray();
    }

    /// <summary>The thresholds a run was analysed at: the spec's, with its rank, active, τ_c and τ_e settings.</summary>
    public static ClaimThresholds ThresholdsOf(RunDiagnostics d) => new()
    {
        Rank = d.RankThreshold > 0 ? d.RankThreshold : 1e-2,
        Active = d.ActiveThreshold > 0 ? d.ActiveThreshold : 0.05,
        Containment = d.Outcome?.ContainmentThreshold ?? 1e-3,
        Excess = d.Outcome?.ExcessThreshold ?? 1e-3,
    };

    private static IEnumerable<ClaimVerdict> TwoStageClaims(RunDiagnostics d, ClaimThresholds th)
    {
        if (d.TwoStage is not { } t)
        {
            yield return Na("C8", "two-stage runs only");
            yield return Na("C9", "two-stage runs only");
            yield break;
        }
        if (d.Family == "linear")
            yield return V("C8", t.CovarianceRelativeError <= th.Repair * t.VanillaSampleCovarianceRelativeError,
                $"sample covariance error two-stage {G(t.CovarianceRelativeError)} vs vanilla {G(t.VanillaSampleCovarianceRelativeError)}", $"two-stage <= {G(th.Repair)} x vanilla");
        else
            yield return V("C8", t.Mmd2 <= th.Repair * d.Mmd2, $"MMD² two-stage {G(t.Mmd2)} vs vanilla {G(d.Mmd2)} (reference 99th pct {G(d.Mmd2Reference99)})", $"two-stage <= {G(th.Repair)} x vanilla");
        if (d.Family != "sigmoid" && d.Family != "sphere")
            yield return Na("C9", "nonlinear families only (the linear manifold is right, C2)");
        else
        {
            // Not lower, up to sampling error: lower only when below vanilla by more than Tolerance standard errors of the difference.
            double se = Math.Sqrt(Sq(t.NoiseFree.RelativeStandardError) + Sq(d.NoiseFree.RelativeStandardError));
            double slack = double.IsFinite(se) ? th.Tolerance * se : 0;
            yield return V("C9", t.NoiseFree.RelativeToSignal >= d.NoiseFree.RelativeToSignal - slack,
                $"off-manifold error/E‖x‖² two-stage {G(t.NoiseFree.RelativeToSignal)} vs vanilla {G(d.NoiseFree.RelativeToSignal)} (se of the difference {G(se)})",
                $"two-stage >= vanilla − {G(th.Tolerance)} se");
        }
    }

    private static double Sq(double v) => v * v;

    private static ClaimVerdict V(string id, bool holds, string measurement, string criterion) => new(id, holds ? Holds : Fails, measurement, criterion);

    private static ClaimVerdict Na(string id, string why) => new(id, NotApplicable, why, "");

    /// <summary>A number in the verdicts' and reports' text: three significant digits, invariant culture.</summary>
    public static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<double> v) => string.Join(", ", v.Select(G));
}

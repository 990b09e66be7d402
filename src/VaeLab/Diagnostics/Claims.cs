using System.Globalization;

namespace VaeLab.Diagnostics;

/// <summary>A claim of SCIENCE.md section 6: what it says, where it comes from, how it is measured.</summary>
public sealed record ClaimDefinition(string Id, string Statement, string Source, string Measurement, string HoldsWhen);

/// <summary>Per-run verdicts for the claims, computed from the measurements only.</summary>
public static class ClaimRules
{
    public const string Holds = "holds", Fails = "fails", NotApplicable = "n/a";

    public static readonly ClaimDefinition[] Definitions =
    [
        new("C1", "linear: decoder rank = r", "paper, implicit bias", "decoder rank", "rank = r"),
        new("C2", "linear: support = data subspace", "paper", "noise-free off-manifold error; principal angles", "error < 1e-4 E‖x‖², max angle < 1°"),
        new("C3", "linear: density on the subspace not recovered", "poster", "relative covariance error", "error > 0.05"),
        new("C4", "decoder variance -> 0", "Dai & Wipf 1", "final σ² / initial σ²", "< 1e-3"),
        new("C5", "active encoder latents = r", "Dai & Wipf 3", "active count", "count = r"),
        new("C6", "nonlinear: learned manifold strictly contains the true one", "paper", "median local rank; noise-free off-manifold error", "median local rank > r and error > 1e-3 E‖x‖²"),
        new("C7", "nonlinear: density not recovered", "paper", "MMD² against true samples", "above the 99th percentile of MMD² over 20 pairs of true samples"),
        new("C8", "two-stage VAE repairs the density", "Dai & Wipf", "MMD² / covariance error, vanilla vs two-stage", "two-stage at most half of vanilla"),
        new("C9", "two-stage cannot repair a wrong manifold", "follows from C6", "off-manifold error, vanilla vs two-stage", "not lower"),
        new("C10", "linear landscape: higher-rank optima exist", "paper", "closed-form loss along the superset construction", "slope -(n - r - s)/2 per unit log(1/σ²)"),
        new("C11", "gradient flow from a superset start returns to rank r", "paper", "decoder spectrum over time", "extra singular values decay to 0"),
    ];

    /// <summary>C1-C9 for one run (C8, C9 need a two-stage run); C10, C11 are judged by the linear theory and are n/a here.</summary>
    public static ClaimVerdict[] Evaluate(RunDiagnostics d)
    {
        bool linear = d.Family == "linear" && d.AffineDecoder;
        int r = d.IntrinsicDim;
        var list = new List<ClaimVerdict>();
        list.Add(linear
            ? V("C1", d.DecoderRank == r, $"rank {d.DecoderRank} (r = {r}); σ = [{Join(d.DecoderSingularValues)}]", $"rank = {r}")
            : Na("C1", "linear family with an affine decoder only"));
        if (linear)
        {
            double maxAngle = d.PrincipalAnglesDegrees.Length > 0 ? d.PrincipalAnglesDegrees.Max() : double.NaN;
            list.Add(V("C2", d.NoiseFree.RelativeToSignal < 1e-4 && maxAngle < 1,
                $"error/E‖x‖² = {G(d.NoiseFree.RelativeToSignal)}, max angle {G(maxAngle)}°", "< 1e-4 and < 1°"));
            list.Add(V("C3", d.CovarianceRelativeError > 0.05, $"relative covariance error {G(d.CovarianceRelativeError)}", "> 0.05"));
        }
        else
        {
            list.Add(Na("C2", "linear family only"));
            list.Add(Na("C3", "linear family only"));
        }
        list.Add(V("C4", d.DecoderVarianceRatio < 1e-3, $"σ² ratio {G(d.DecoderVarianceRatio)} (σ² = {G(d.DecoderVariance)})", "< 1e-3"));
        list.Add(d.Family == "file"
            ? Na("C5", "r is unknown for your own data")
            : V("C5", d.ActiveLatents == r, $"{d.ActiveLatents} active (threshold {G(d.ActiveThreshold)}; r = {r})", $"= {r}"));
        if (d.Family is "sigmoid" or "sphere")
        {
            list.Add(V("C6", d.DecoderRank > r && d.NoiseFree.RelativeToSignal > 1e-3,
                $"median local rank {d.DecoderRank} (r = {r}), error/E‖x‖² = {G(d.NoiseFree.RelativeToSignal)}", $"> {r} and > 1e-3"));
            list.Add(V("C7", d.Mmd2 > d.Mmd2Reference99,
                $"MMD² {G(d.Mmd2)} vs reference 99th pct {G(d.Mmd2Reference99)} (n = {d.MmdSamples})", "MMD² > reference 99th percentile"));
        }
        else
        {
            list.Add(Na("C6", "nonlinear families only"));
            list.Add(Na("C7", "nonlinear families only"));
        }
        list.AddRange(TwoStageClaims(d));
        foreach (var id in new[] { "C10", "C11" }) list.Add(Na(id, "judged by the linear theory (vaelab theory linear)"));
        return list.ToArray();
    }

    private static IEnumerable<ClaimVerdict> TwoStageClaims(RunDiagnostics d)
    {
        if (d.TwoStage is not { } t)
        {
            yield return Na("C8", "two-stage runs only");
            yield return Na("C9", "two-stage runs only");
            yield break;
        }
        if (d.Family == "linear")
            yield return V("C8", t.CovarianceRelativeError <= 0.5 * t.VanillaSampleCovarianceRelativeError,
                $"sample covariance error two-stage {G(t.CovarianceRelativeError)} vs vanilla {G(t.VanillaSampleCovarianceRelativeError)}", "two-stage <= 0.5 x vanilla");
        else
            yield return V("C8", t.Mmd2 <= 0.5 * d.Mmd2, $"MMD² two-stage {G(t.Mmd2)} vs vanilla {G(d.Mmd2)} (reference 99th pct {G(d.Mmd2Reference99)})", "two-stage <= 0.5 x vanilla");
        if (d.Family != "sigmoid" && d.Family != "sphere")
            yield return Na("C9", "nonlinear families only (the linear manifold is right, C2)");
        else
            yield return V("C9", t.NoiseFree.RelativeToSignal >= 0.9 * d.NoiseFree.RelativeToSignal,
                $"off-manifold error/E‖x‖² two-stage {G(t.NoiseFree.RelativeToSignal)} vs vanilla {G(d.NoiseFree.RelativeToSignal)}", "two-stage >= 0.9 x vanilla");
    }

    private static ClaimVerdict V(string id, bool holds, string measurement, string criterion) => new(id, holds ? Holds : Fails, measurement, criterion);

    private static ClaimVerdict Na(string id, string why) => new(id, NotApplicable, why, "");

    public static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<double> v) => string.Join(", ", v.Select(G));
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Theory;
using VaeLab.Training;

namespace VaeLab.Reporting;

/// <summary>Figures, theory.json and the Markdown section of the linear theory.</summary>
public static class TheoryReport
{
    /// <summary>The trajectory of each gradient-flow and Adam run and the file name of its figure.</summary>
    public static readonly (string Key, string File)[] TrajectoryFigures =
    [
        (TheoryExperiment.FlowRandom, "flow-random.png"), (TheoryExperiment.FlowSuperset, "flow-superset.png"),
        (TheoryExperiment.AdamRandom, "adam-random.png"), (TheoryExperiment.AdamSuperset, "adam-superset.png"),
    ];

    /// <summary>The marker of a folder `theory linear` (or a reproduction's theory/) wrote: it may write there again.</summary>
    public const string MarkerFile = ".vaelab-theory";

    /// <summary>Writes superset-loss.png, one spectrum figure per trajectory, off-subspace.png and theory.json into <paramref name="dir"/>.</summary>
    public static void Write(TheoryResult result, string dir)
    {
        Directory.CreateDirectory(dir);
        if (!File.Exists(Path.Combine(dir, MarkerFile))) AtomicFile.WriteText(Path.Combine(dir, MarkerFile), "theory\n");
        var x = result.Sigma2Grid.Select(v => Math.Log(1 / v)).ToArray();
        Figures.Lines(Path.Combine(dir, "superset-loss.png"), "Linear VAE loss along the superset construction", "log(1/σ²)", "exact population loss (nats)",
            result.Superset.Select(row => ($"s = {row.Extra}: slope {ClaimRules.G(row.FittedSlope)} (predicted {ClaimRules.G(row.PredictedSlope)})", x, row.Losses)).ToArray());
        foreach (var (key, file) in TrajectoryFigures)
        {
            if (!result.Trajectories.TryGetValue(key, out var path)) continue;
            int shown = Math.Min(path[0].SingularValues.Length, result.Rank + 3);
            var steps = path.Select(p => (double)p.Step).ToArray();
            var series = Enumerable.Range(0, shown).Select(i => ($"σ_{i + 1}{(i >= result.Rank ? " (extra)" : "")}", steps,
                path.Select(p => Math.Log10(Math.Max(p.SingularValues[i], 1e-12))).ToArray())).ToArray();
            Figures.Lines(Path.Combine(dir, file), $"{key}: decoder singular values (r = {result.Rank})", "step", "log10 singular value of W", series);
        }
        if (result.Density.Count > 1)
            Figures.Lines(Path.Combine(dir, "density-flow.png"), "C3 in closed form: generated covariance error along gradient flow", "step", "log10 ‖W Wᵀ − S‖_F / ‖S‖_F",
                ("random start, σ² trainable", result.Density.Select(p => (double)p.Step).ToArray(), result.Density.Select(p => Math.Log10(Math.Max(p.CovarianceError, 1e-30))).ToArray()));
        Figures.Lines(Path.Combine(dir, "off-subspace.png"), "Decoder energy off the data subspace", "fraction of the run", "log10 ‖(I - P)W‖_F",
            result.Trajectories.Select(kv => (kv.Key, kv.Value.Select(p => (double)p.Step / kv.Value[^1].Step).ToArray(),
                kv.Value.Select(p => Math.Log10(Math.Max(p.OffSubspaceNorm, 1e-12))).ToArray())).ToArray());
        AtomicFile.WriteText(Path.Combine(dir, "theory.json"), JsonSerializer.Serialize(result, Json.Options));
    }

    /// <summary>The losses a superset table shows for one row: at σ² = 1e-2, 1e-4, 1e-6 and 1e-8 of the σ² grid, in that order.</summary>
    public static double[] SupersetTableLosses(SupersetRow row) => [.. SupersetTableIndices.Select(i => row.Losses[i])];

    // Positions of σ² = 1e-2, 1e-4, 1e-6, 1e-8 in TheoryResult.Sigma2Grid.
    private static readonly int[] SupersetTableIndices = [8, 16, 24, 32];

    /// <summary>The Markdown section; figure links are relative to <paramref name="figurePrefix"/>.</summary>
    public static string Markdown(TheoryResult result, string figurePrefix)
    {
        var t = result.Settings;
        var sb = new StringBuilder();
        sb.AppendLine("## Linear theory (exact population loss)\n");
        sb.AppendLine($"Data x = (A z, 0) with A {t.BlockDim} x {t.Intrinsic} (data seed {t.DataSeed}), r = {result.Rank}, n = {t.Ambient}, m = {t.Latent}; noise in the loss: {t.NoiseInLoss}.\n");
        sb.AppendLine("**Superset optima (C10).** r latents reconstruct the subspace, s extra latents have B_j = 0 and unit decoder columns off the subspace, all encoder variances optimal. Slopes are fitted over σ² ≤ 1e-3.\n");
        sb.AppendLine("| s | loss at σ² = 1e-2 | 1e-4 | 1e-6 | 1e-8 | fitted slope | predicted -(n-r-s)/2 | off-subspace E‖(I-P)x‖² exact / sampled |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in result.Superset)
            sb.AppendLine($"| {row.Extra} | {string.Join(" | ", SupersetTableLosses(row).Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))} | {row.FittedSlope:F4} | {row.PredictedSlope:F1} | {ClaimRules.G(row.OffSubspaceEnergy)} / {ClaimRules.G(row.OffSubspaceSampled)} |");
        sb.AppendLine($"\nC10: **{result.C10!.Status}**. {result.C10!.Measurement}\n");
        sb.AppendLine($"![superset loss]({figurePrefix}superset-loss.png)\n");
        sb.AppendLine($"**Gradient flow (C11).** Euler steps on the exact loss (step {t.FlowStepSize} · min(1, σ²), {t.FlowSteps} steps), σ trainable, from a small random start and from the superset start with s = {t.SupersetExtra} at η = {t.StartLogVariance}; and the Monte Carlo trainer with Adam (lr {t.LearningRate}, {t.AdamSteps} steps, batch 100) from the same starts.\n");
        sb.AppendLine("| trajectory | σ² end | decoder singular values at the end | ‖(I-P)W‖ start → end | loss end |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var (key, path) in result.Trajectories)
            sb.AppendLine($"| {key} | {ClaimRules.G(Math.Exp(path[^1].Eta))} | {string.Join(", ", path[^1].SingularValues.Take(result.Rank + 3).Select(ClaimRules.G))} | {ClaimRules.G(path[0].OffSubspaceNorm)} → {ClaimRules.G(path[^1].OffSubspaceNorm)} | {path[^1].Loss:F2} |");
        sb.AppendLine($"\nC11: **{result.C11!.Status}**. {result.C11!.Measurement}\n");
        foreach (var (key, file) in TrajectoryFigures.Where(f => result.Trajectories.ContainsKey(f.Key)))
            sb.Append($"![{key}]({figurePrefix}{file}) ");
        sb.AppendLine($"![off-subspace]({figurePrefix}off-subspace.png)\n");
        if (result.Density.Count > 1)
        {
            var d = result.Density;
            bool falling = DensityFlow.StillFalling(d.Select(p => p.CovarianceError).ToArray());
            sb.AppendLine($"**Density along the flow (C3 in closed form).** The generated distribution N(c, W Wᵀ) against the data's N(0, S) along the gradient flow " +
                $"from the random start, σ² trainable: relative covariance error ‖W Wᵀ − S‖_F / ‖S‖_F {ClaimRules.G(d[0].CovarianceError)} at the start, " +
                $"{ClaimRules.G(d[d.Count / 2].CovarianceError)} half-way, {ClaimRules.G(d[^1].CovarianceError)} at step {d[^1].Step} (σ² = {ClaimRules.G(Math.Exp(d[^1].Eta))}); " +
                (falling ? "still falling over the last fifth of the flow, so a finite run's error is not the optimum's." : "no longer falling over the last fifth of the flow.") +
                $" C3 (error > 0.05) would {(d[^1].CovarianceError > 0.05 ? "hold" : "fail")} at the end of the flow.\n");
            sb.AppendLine($"![density along the flow]({figurePrefix}density-flow.png)\n");
        }
        return sb.ToString();
    }
}

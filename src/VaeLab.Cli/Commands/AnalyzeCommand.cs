using System.CommandLine;
using Spectre.Console;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Diagnostics;
using VaeLab.Reporting;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab analyze RUN_DIR`: the diagnostics of SCIENCE.md section 5 for a trained model.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "Measure a trained run: decoder spectrum, encoder variances, off-manifold error, density; writes diagnostics.json and figures/.");
        var dir = new Argument<string>("RUN_DIR") { Description = "a folder written by 'vaelab train'" };
        var defaults = new AnalysisOptions();
        var samples = new Option<int>("--samples") { Description = $"generated samples (default {defaults.Samples})", DefaultValueFactory = _ => defaults.Samples };
        var mmd = new Option<int>("--mmd-samples") { Description = $"points per side of MMD^2 (default {defaults.MmdSamples})", DefaultValueFactory = _ => defaults.MmdSamples };
        command.Arguments.Add(dir);
        command.Options.Add(samples);
        command.Options.Add(mmd);
        command.SetAction(result =>
        {
            int count = result.GetValue(samples), mmdCount = result.GetValue(mmd);
            if (count < 100 || count > 10_000_000) throw new ConfigException($"--samples must be within [100, 10000000] (got {count}).");
            if (mmdCount > 100_000) throw new ConfigException($"--mmd-samples must be <= 100000 (got {mmdCount}): MMD costs the square of it.");
            if (mmdCount < 10) throw new ConfigException($"--mmd-samples must be >= 10 (got {mmdCount}).");
            string path = result.GetValue(dir)!;
            var d = RunAnalysis.AnalyzeWithReport(path, new AnalysisOptions(Samples: count, MmdSamples: Math.Min(mmdCount, count)));
            Print(d);
            AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(Path.Combine(path, RunLayout.DiagnosticsFile))}[/], [blue]{Markup.Escape(Path.Combine(path, HtmlReportWriter.FileName))}[/] and [blue]{Markup.Escape(Path.Combine(path, RunLayout.FiguresFolder))}/[/]");
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Print(RunDiagnostics d)
    {
        string F(double v) => ClaimRules.G(v);
        if (d.Family == "file")
        {
            var dim = new Table().AddColumns("what is the intrinsic dimension of my data?", "estimate");
            dim.AddRow("VAE: active latents (encoder variance < " + F(d.ActiveThreshold) + ")", $"{d.ActiveLatents} of {d.LatentDim}");
            dim.AddRow(d.AffineDecoder ? "VAE: decoder rank" : "VAE: median local rank of the decoder Jacobian", $"{d.DecoderRank}" +
                (d.LocalRankHistogram.Count > 0 ? $" (histogram {string.Join("  ", d.LocalRankHistogram.Select(kv => $"{kv.Key}: {kv.Value}"))})" : ""));
            dim.AddRow("PCA: components for 95% / 99% of the variance", $"{d.PcaComponents95} / {d.PcaComponents99}");
            dim.AddRow("PCA spectrum", string.Join(" ", d.PcaSpectrum.Select(F)));
            dim.AddRow("TwoNN (Facco et al. 2017)", F(d.TwoNnDimension));
            dim.AddRow("decoder variance σ² (start)", $"{F(d.DecoderVariance)} ({F(d.InitialDecoderVariance)})");
            dim.AddRow("held-out negative ELBO", double.IsNaN(d.HeldOutLoss) ? "none held out (--held-out-fraction)" : F(d.HeldOutLoss));
            AnsiConsole.Write(dim);
            return;
        }
        var t = new Table().AddColumns("quantity", "value");
        t.AddRow("family (r, n, m)", $"{d.Family} ({d.IntrinsicDim}, {d.AmbientDim}, {d.LatentDim})");
        t.AddRow("decoder variance σ²", $"{F(d.DecoderVariance)} (start {F(d.InitialDecoderVariance)}, ratio {F(d.DecoderVarianceRatio)})");
        t.AddRow($"active latents (< {F(d.ActiveThreshold)})", $"{d.ActiveLatents}");
        t.AddRow("encoder variances", string.Join(" ", d.EncoderVariances.Select(F)));
        t.AddRow(d.AffineDecoder ? "decoder rank" : "median local rank", $"{d.DecoderRank} (threshold {F(d.RankThreshold)} x largest)");
        t.AddRow("decoder singular values", string.Join(" ", d.DecoderSingularValues.Select(F)));
        if (d.LocalRankHistogram.Count > 0) t.AddRow("local rank histogram", string.Join("  ", d.LocalRankHistogram.Select(kv => $"{kv.Key}: {kv.Value}")));
        t.AddRow("off-manifold, noise-free", $"pad {F(d.NoiseFree.Padding)}, in-block {F(d.NoiseFree.InBlock)}, relative {F(d.NoiseFree.RelativeToSignal)}");
        t.AddRow("off-manifold, with noise", $"pad {F(d.WithNoise.Padding)}, in-block {F(d.WithNoise.InBlock)}, relative {F(d.WithNoise.RelativeToSignal)}");
        if (d.Family == "linear" && d.AffineDecoder)
        {
            t.AddRow("covariance eigenvalues true / gen", $"{string.Join(" ", d.TrueEigenvalues.Select(F))} / {string.Join(" ", d.GeneratedEigenvalues.Select(F))}");
            t.AddRow("relative covariance error", F(d.CovarianceRelativeError));
            t.AddRow("W2 distance", F(d.Wasserstein2));
            t.AddRow("principal angles (deg)", string.Join(" ", d.PrincipalAnglesDegrees.Select(F)));
        }
        else
        {
            t.AddRow("MMD² (reference median / 99%)", $"{F(d.Mmd2)} ({F(d.Mmd2ReferenceMedian)} / {F(d.Mmd2Reference99)}; n = {d.MmdSamples})");
            if (d.Family == "sigmoid")
            {
                t.AddRow("KS of ⟨a*,z⟩/‖a*‖ vs N(0,1)", F(d.KsStatistic));
                t.AddRow("authors' sigmoid metric gen / true", $"{F(d.AuthorsSigmoidErrorGenerated)} / {F(d.AuthorsSigmoidErrorTrue)} (omits the sigmoid)");
            }
        }
        AnsiConsole.Write(t);
        if (d.TwoStage is { } two)
        {
            var cmp = new Table().AddColumns("vanilla vs two-stage", "vanilla", "two-stage");
            cmp.AddRow("off-manifold, noise-free (relative)", F(d.NoiseFree.RelativeToSignal), F(two.NoiseFree.RelativeToSignal));
            cmp.AddRow("off-manifold, with noise (relative)", F(d.WithNoise.RelativeToSignal), F(two.WithNoise.RelativeToSignal));
            if (d.Family == "linear") cmp.AddRow("sample covariance error", F(two.VanillaSampleCovarianceRelativeError), F(two.CovarianceRelativeError));
            else
            {
                cmp.AddRow($"MMD² (reference 99%: {F(d.Mmd2Reference99)})", F(d.Mmd2), F(two.Mmd2));
                if (d.Family == "sigmoid") cmp.AddRow("KS of ⟨a*,z⟩/‖a*‖", F(d.KsStatistic), F(two.KsStatistic));
            }
            cmp.AddRow("stage-2 decoder variance", "", F(two.Stage2DecoderVariance));
            AnsiConsole.Write(cmp);
        }
        var c = new Table().AddColumns("claim", "verdict", "measurement", "holds when");
        foreach (var v in d.Claims.Where(v => v.Status != ClaimRules.NotApplicable))
            c.AddRow(v.Id, Terminal.Verdict(v.Status), Markup.Escape(v.Measurement), Markup.Escape(v.Criterion));
        AnsiConsole.Write(c);
    }
}

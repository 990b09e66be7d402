using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>Draws the figures of one analysed run into its figures/ folder (the file names are <see cref="RunLayout"/>'s).</summary>
public static class RunFigures
{
    /// <summary>
    /// The figures of a run on a known family: samples against the truth (sigmoid, sphere), the decoder spectrum, the trajectory,
    /// local ranks, encoder variances and the training curves. Samples are drawn with <paramref name="options"/>' seed.
    /// </summary>
    public static void Draw(string dir, RunConfig config, DataFamily family, Vae model, Vae? stage2, RunDiagnostics diagnostics, AnalysisOptions options)
    {
        string figures = Path.Combine(dir, RunLayout.FiguresFolder);
        Directory.CreateDirectory(figures);
        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));

        var samples = GeneratedSamples.Draw(model, Math.Min(options.Samples, 3000), options.Seed);
        var truth = new float[samples.NoiseFree.Length];
        family.Sample(truth, truth.Length / family.AmbientDim, RngStreams.Normal(options.Seed, "truth"));
        var twoStage = stage2 == null ? null : GeneratedSamples.DrawTwoStage(model, stage2, samples.NoiseFree.Length / family.AmbientDim, options.Seed, config.Stage2SampleNoise);
        if (family is SigmoidFamily sigmoid)
        {
            Figures.SigmoidScatter(Path.Combine(figures, RunLayout.ScatterFigure), sigmoid, truth, $"{name}: vanilla VAE, true (orange) vs generated (blue)", ("generated", samples.NoiseFree));
            if (twoStage != null)
                Figures.SigmoidScatter(Path.Combine(figures, RunLayout.ScatterTwoStageFigure), sigmoid, truth, $"{name}: two-stage VAE, true (orange) vs generated (blue)", ("generated", twoStage.NoiseFree));
        }
        if (family is SphereFamily)
        {
            Figures.NormHistogram(Path.Combine(figures, RunLayout.NormHistogramFigure), family, truth, samples.NoiseFree, $"{name}: ‖x[:d]‖, generated vs true");
            Figures.ProjectionScatter(Path.Combine(figures, RunLayout.ProjectionFigure), family.AmbientDim, truth, samples.NoiseFree, $"{name}: vanilla VAE, first two coordinates");
            if (twoStage != null)
                Figures.ProjectionScatter(Path.Combine(figures, RunLayout.ProjectionTwoStageFigure), family.AmbientDim, truth, twoStage.NoiseFree, $"{name}: two-stage VAE, first two coordinates");
        }
        Figures.LogValues(Path.Combine(figures, RunLayout.DecoderSpectrumFigure), diagnostics.DecoderSingularValues,
            diagnostics.RankThreshold * diagnostics.DecoderSingularValues[0],
            $"{name}: decoder singular values{(diagnostics.AffineDecoder ? "" : $" (mean over {diagnostics.JacobianPoints} Jacobians)")}",
            "index", "singular value", "singular values", $"rank threshold ({diagnostics.RankThreshold} x largest)");
        var trajectory = TrajectoryFigures.Read(dir);
        if (trajectory.Count > 1) TrajectoryFigures.Run(Path.Combine(figures, RunLayout.TrajectoryFigure), $"{name}: diagnostics during training", trajectory);
        if (!diagnostics.AffineDecoder && diagnostics.LocalRankHistogramAtData.Count > 0)
        {
            JudgingFigures.LocalRanks(Path.Combine(figures, RunLayout.LocalRanksFigure), $"{name}: local ranks of the decoder Jacobian",
                diagnostics.LocalRankHistogram, diagnostics.LocalRankHistogramAtData, diagnostics.IntrinsicDim);
            JudgingFigures.MedianSpectra(Path.Combine(figures, RunLayout.MedianSpectraFigure), $"{name}: median singular values of the decoder Jacobian",
                diagnostics.MedianSingularValues, diagnostics.MedianSingularValuesAtData, diagnostics.RankThreshold);
        }
        Figures.LogValues(Path.Combine(figures, RunLayout.EncoderVariancesFigure), diagnostics.EncoderVariances, diagnostics.ActiveThreshold,
            $"{name}: sorted encoder variances", "latent (sorted)", "exp(l)", "encoder variances", $"active threshold {diagnostics.ActiveThreshold}");
        var metrics = RunFolder.ReadMetrics(dir);
        if (metrics.Count > 0)
        {
            Figures.Curve(Path.Combine(figures, RunLayout.LossFigure), metrics, r => r.Loss, $"{name}: training loss", "negative ELBO (nats)", "batch loss, window mean");
            Figures.Curve(Path.Combine(figures, RunLayout.DecoderLogVarianceFigure), metrics, r => r.DecoderLogVariance, $"{name}: decoder log-variance", "eta = log σ²", "eta");
        }
    }

    /// <summary>The figures of a --data-file run: the data's PCA spectrum, the decoder spectrum and the encoder variances.</summary>
    public static void DrawDataFile(string dir, RunDiagnostics d)
    {
        string figures = Path.Combine(dir, RunLayout.FiguresFolder);
        Directory.CreateDirectory(figures);
        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));
        Figures.LogValues(Path.Combine(figures, RunLayout.PcaSpectrumFigure), d.PcaSpectrum, 1e-2 * Math.Max(d.PcaSpectrum[0], 1e-30), $"{name}: PCA spectrum of the data",
            "component", "variance", "eigenvalues of the covariance", "1e-2 x largest");
        Figures.LogValues(Path.Combine(figures, RunLayout.DecoderSpectrumFigure), d.DecoderSingularValues, d.RankThreshold * d.DecoderSingularValues[0],
            $"{name}: decoder singular values", "index", "singular value", "singular values", $"rank threshold ({d.RankThreshold} x largest)");
        Figures.LogValues(Path.Combine(figures, RunLayout.EncoderVariancesFigure), d.EncoderVariances, d.ActiveThreshold, $"{name}: sorted encoder variances",
            "latent (sorted)", "exp(l)", "encoder variances", $"active threshold {d.ActiveThreshold}");
    }
}

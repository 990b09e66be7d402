using System.Text.Json;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Random;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>Analyses a finished run folder: writes diagnostics.json and figures/ beside the model.</summary>
public static class RunAnalysis
{
    /// <summary>Computes the diagnostics of the run in <paramref name="dir"/> and writes them with the figures.</summary>
    public static RunDiagnostics Analyze(string dir, AnalysisOptions options)
    {
        if (RunFolder.ReadConfig(dir).Family == DataFamilyKind.File) return AnalyzeDataFile(dir, options);
        var (config, family, model) = RunFolder.Load(dir);
        if (!File.Exists(Path.Combine(dir, RunLayout.TruthFile))) TruthFile.Write(dir, family, config.DataSeed);
        var summary = RunFolder.ReadSummary(dir);
        var stage2 = RunFolder.LoadStage2(dir, config);
        // Every run draws its own true samples, reference band and generated samples: no two runs share a reference pair.
        options = options with { Seed = RngStreams.DeriveSeed(options.Seed, $"run:{config.Family}:{config.DataSeed}:{config.Seed}") };
        var diagnostics = ClaimRules.Judge(Analyzer.Analyze(model, family, summary.EncoderVariances, config.ActiveThreshold, options, stage2, config.Stage2SampleNoise));
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
        AtomicFile.WriteText(Path.Combine(dir, RunLayout.DiagnosticsFile), JsonSerializer.Serialize(diagnostics, Json.Options));
        return diagnostics;
    }

    private static RunDiagnostics AnalyzeDataFile(string dir, AnalysisOptions options)
    {
        var (config, model) = RunFolder.LoadModel(dir);
        var summary = RunFolder.ReadSummary(dir);
        var split = DataFileSplit.Load(config);
        RunFolder.ReadDataFileFingerprint(dir)?.Check(config.DataFile, split.Train.Rows + split.HeldOut.Rows, split.Train.Cols);
        var d = ClaimRules.Judge(Analyzer.AnalyzeDataset(model, split.Train, summary.EncoderVariances, config.ActiveThreshold, summary.DataFile?.HeldOutLoss ?? double.NaN, options));
        string figures = Path.Combine(dir, RunLayout.FiguresFolder);
        Directory.CreateDirectory(figures);
        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));
        Figures.LogValues(Path.Combine(figures, RunLayout.PcaSpectrumFigure), d.PcaSpectrum, 1e-2 * Math.Max(d.PcaSpectrum[0], 1e-30), $"{name}: PCA spectrum of the data",
            "component", "variance", "eigenvalues of the covariance", "1e-2 x largest");
        Figures.LogValues(Path.Combine(figures, RunLayout.DecoderSpectrumFigure), d.DecoderSingularValues, d.RankThreshold * d.DecoderSingularValues[0],
            $"{name}: decoder singular values", "index", "singular value", "singular values", $"rank threshold ({d.RankThreshold} x largest)");
        Figures.LogValues(Path.Combine(figures, RunLayout.EncoderVariancesFigure), d.EncoderVariances, d.ActiveThreshold, $"{name}: sorted encoder variances",
            "latent (sorted)", "exp(l)", "encoder variances", $"active threshold {d.ActiveThreshold}");
        AtomicFile.WriteText(Path.Combine(dir, RunLayout.DiagnosticsFile), JsonSerializer.Serialize(d, Json.Options));
        return d;
    }

    /// <summary>Reads diagnostics.json.</summary>
    public static RunDiagnostics Read(string dir) =>
        JsonSerializer.Deserialize<RunDiagnostics>(File.ReadAllText(Path.Combine(dir, RunLayout.DiagnosticsFile)), Json.Options)!;
}

using System.Text.Json;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Experiments;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Reporting;

/// <summary>Analyses a finished run folder: writes diagnostics.json and figures/ beside the model.</summary>
public static class RunAnalysis
{
    public const string DiagnosticsFile = "diagnostics.json";
    public const string FiguresFolder = "figures";

    /// <summary>True when the folder already holds its diagnostics.</summary>
    public static bool IsAnalysed(string dir) => File.Exists(Path.Combine(dir, DiagnosticsFile));

    /// <summary>Computes the diagnostics of the run in <paramref name="dir"/> and writes them with the figures.</summary>
    public static RunDiagnostics Analyze(string dir, AnalysisOptions options)
    {
        if (RunFolder.ReadConfig(dir).Family == "file") return AnalyzeDataFile(dir, options);
        var (config, family, model) = RunFolder.Load(dir);
        if (!File.Exists(Path.Combine(dir, Runs.TruthFile.Name))) Runs.TruthFile.Write(dir, family, config.DataSeed);
        var summary = RunFolder.ReadSummary(dir);
        var stage2 = RunFolder.LoadStage2(dir, config);
        // Every run draws its own true samples, reference band and generated samples: no two runs share a reference pair.
        options = options with { Seed = RngStreams.DeriveSeed(options.Seed, $"run:{config.Family}:{config.DataSeed}:{config.Seed}") };
        var diagnostics = Analyzer.Analyze(model, family, summary.EncoderVariances, config.ActiveThreshold, options, stage2, config.Stage2SampleNoise);
        string figures = Path.Combine(dir, FiguresFolder);
        Directory.CreateDirectory(figures);
        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));

        var samples = GeneratedSamples.Draw(model, Math.Min(options.Samples, 3000), options.Seed);
        var truth = new float[samples.NoiseFree.Length];
        family.Sample(truth, truth.Length / family.AmbientDim, RngStreams.Normal(options.Seed, "truth"));
        var twoStage = stage2 == null ? null : GeneratedSamples.DrawTwoStage(model, stage2, samples.NoiseFree.Length / family.AmbientDim, options.Seed, config.Stage2SampleNoise);
        if (family is SigmoidFamily sigmoid)
        {
            Figures.SigmoidScatter(Path.Combine(figures, "scatter.png"), sigmoid, truth, $"{name}: vanilla VAE, true (orange) vs generated (blue)", ("generated", samples.NoiseFree));
            if (twoStage != null)
                Figures.SigmoidScatter(Path.Combine(figures, "scatter-two-stage.png"), sigmoid, truth, $"{name}: two-stage VAE, true (orange) vs generated (blue)", ("generated", twoStage.NoiseFree));
        }
        if (family is SphereFamily)
        {
            Figures.NormHistogram(Path.Combine(figures, "norm-histogram.png"), family, truth, samples.NoiseFree, $"{name}: ‖x[:d]‖, generated vs true");
            Figures.ProjectionScatter(Path.Combine(figures, "projection.png"), family.AmbientDim, truth, samples.NoiseFree, $"{name}: vanilla VAE, first two coordinates");
            if (twoStage != null)
                Figures.ProjectionScatter(Path.Combine(figures, "projection-two-stage.png"), family.AmbientDim, truth, twoStage.NoiseFree, $"{name}: two-stage VAE, first two coordinates");
        }
        Figures.LogValues(Path.Combine(figures, "decoder-spectrum.png"), diagnostics.DecoderSingularValues,
            diagnostics.RankThreshold * diagnostics.DecoderSingularValues[0],
            $"{name}: decoder singular values{(diagnostics.AffineDecoder ? "" : $" (mean over {diagnostics.JacobianPoints} Jacobians)")}",
            "index", "singular value", "singular values", $"rank threshold ({diagnostics.RankThreshold} x largest)");
        if (!diagnostics.AffineDecoder && diagnostics.LocalRankHistogramAtData.Count > 0)
        {
            JudgingFigures.LocalRanks(Path.Combine(figures, "local-ranks.png"), $"{name}: local ranks of the decoder Jacobian",
                diagnostics.LocalRankHistogram, diagnostics.LocalRankHistogramAtData, diagnostics.IntrinsicDim);
            JudgingFigures.MedianSpectra(Path.Combine(figures, "median-spectra.png"), $"{name}: median singular values of the decoder Jacobian",
                diagnostics.MedianSingularValues, diagnostics.MedianSingularValuesAtData, diagnostics.RankThreshold);
        }
        Figures.LogValues(Path.Combine(figures, "encoder-variances.png"), diagnostics.EncoderVariances, diagnostics.ActiveThreshold,
            $"{name}: sorted encoder variances", "latent (sorted)", "exp(l)", "encoder variances", $"active threshold {diagnostics.ActiveThreshold}");
        var metrics = RunFolder.ReadMetrics(dir);
        if (metrics.Count > 0)
        {
            Figures.Curve(Path.Combine(figures, "loss.png"), metrics, r => r.Loss, $"{name}: training loss", "negative ELBO (nats)", "batch loss, window mean");
            Figures.Curve(Path.Combine(figures, "decoder-log-variance.png"), metrics, r => r.DecoderLogVariance, $"{name}: decoder log-variance", "eta = log σ²", "eta");
        }
        AtomicFile.WriteText(Path.Combine(dir, DiagnosticsFile), JsonSerializer.Serialize(diagnostics, Json.Options));
        return diagnostics;
    }

    private static RunDiagnostics AnalyzeDataFile(string dir, AnalysisOptions options)
    {
        var (config, model) = RunFolder.LoadModel(dir);
        var summary = RunFolder.ReadSummary(dir);
        var split = DataFileSplit.Load(config);
        var d = Analyzer.AnalyzeDataset(model, split.Train, summary.EncoderVariances, config.ActiveThreshold, summary.DataFile?.HeldOutLoss ?? double.NaN, options);
        string figures = Path.Combine(dir, FiguresFolder);
        Directory.CreateDirectory(figures);
        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));
        Figures.LogValues(Path.Combine(figures, "pca-spectrum.png"), d.PcaSpectrum, 1e-2 * Math.Max(d.PcaSpectrum[0], 1e-30), $"{name}: PCA spectrum of the data",
            "component", "variance", "eigenvalues of the covariance", "1e-2 x largest");
        Figures.LogValues(Path.Combine(figures, "decoder-spectrum.png"), d.DecoderSingularValues, d.RankThreshold * d.DecoderSingularValues[0],
            $"{name}: decoder singular values", "index", "singular value", "singular values", $"rank threshold ({d.RankThreshold} x largest)");
        Figures.LogValues(Path.Combine(figures, "encoder-variances.png"), d.EncoderVariances, d.ActiveThreshold, $"{name}: sorted encoder variances",
            "latent (sorted)", "exp(l)", "encoder variances", $"active threshold {d.ActiveThreshold}");
        AtomicFile.WriteText(Path.Combine(dir, DiagnosticsFile), JsonSerializer.Serialize(d, Json.Options));
        return d;
    }

    /// <summary>Reads diagnostics.json.</summary>
    public static RunDiagnostics Read(string dir) =>
        JsonSerializer.Deserialize<RunDiagnostics>(File.ReadAllText(Path.Combine(dir, DiagnosticsFile)), Json.Options)!;
}

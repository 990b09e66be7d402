namespace VaeLab.Runs;

/// <summary>
/// Every file name of a run folder, in one place. A run is built in "NAME.partial" and renamed to NAME when
/// complete; summary.json is written last, so its presence marks a finished run.
/// </summary>
public static class RunLayout
{
    /// <summary>The resolved config, its seeds and the environment.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>Training curve of stage 1: step, loss, KL, NLL, decoder log-variance, active latents.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>Wall-clock timings of stage 1 (kept out of metrics.csv so that it stays bit-identical).</summary>
    public const string TimingFile = "timing.csv";

    /// <summary>The trained stage-1 model.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>The run's summary, written last.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>The trained stage-2 model of a two-stage run.</summary>
    public const string Stage2ModelFile = "stage2.safetensors";

    /// <summary>Training curve of stage 2.</summary>
    public const string Stage2MetricsFile = "stage2-metrics.csv";

    /// <summary>Stage-1 checkpoint for --resume; deleted when the run completes.</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>Stage-2 checkpoint for --resume; deleted when the run completes.</summary>
    public const string Stage2CheckpointFile = "stage2-checkpoint.bin";

    /// <summary>The diagnostics written by analyze.</summary>
    public const string DiagnosticsFile = "diagnostics.json";

    /// <summary>The folder analyze draws the run's figures into.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>Figure names inside <see cref="FiguresFolder"/>.</summary>
    public const string ScatterFigure = "scatter.png", ScatterTwoStageFigure = "scatter-two-stage.png",
        NormHistogramFigure = "norm-histogram.png", ProjectionFigure = "projection.png", ProjectionTwoStageFigure = "projection-two-stage.png",
        DecoderSpectrumFigure = "decoder-spectrum.png", EncoderVariancesFigure = "encoder-variances.png", LossFigure = "loss.png",
        DecoderLogVarianceFigure = "decoder-log-variance.png", PcaSpectrumFigure = "pca-spectrum.png",
        LocalRanksFigure = "local-ranks.png", MedianSpectraFigure = "median-spectra.png", TrajectoryFigure = "trajectory.png";

    /// <summary>Cheap diagnostics of stage 1 at step 0 and at every checkpoint (<see cref="VaeLab.Diagnostics.TrajectoryRow"/>).</summary>
    public const string TrajectoryFile = "trajectory.csv";

    /// <summary>The ground truth of the run's data (family, r, n, A or a*, data seed, E‖x‖²), written with config.json.</summary>
    public const string TruthFile = "truth.json";

    /// <summary>The partial folder a run is built in.</summary>
    public static string PartialDir(string outDir) => outDir.TrimEnd('/', '\\') + ".partial";

    /// <summary>True when <paramref name="dir"/> holds a finished run.</summary>
    public static bool IsComplete(string dir) => File.Exists(Path.Combine(dir, SummaryFile));

    /// <summary>True when the folder already holds its diagnostics.</summary>
    public static bool IsAnalysed(string dir) => File.Exists(Path.Combine(dir, DiagnosticsFile));

    /// <summary>The path of a figure of the run in <paramref name="dir"/>.</summary>
    public static string Figure(string dir, string figure) => Path.Combine(dir, FiguresFolder, figure);
}

using System.Text.Json;
using VaeLab.Claims;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Random;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>
/// Analyses a finished run folder: loads it, computes the diagnostics (<see cref="Analyzer"/>), judges the claims
/// (<see cref="ClaimRules.Judge"/>), draws the figures (<see cref="RunFigures"/>) and writes diagnostics.json beside the model.
/// </summary>
public static class RunAnalysis
{
    /// <summary>Computes the diagnostics of the run in <paramref name="dir"/> and writes them with the figures.</summary>
    public static RunDiagnostics Analyze(string dir, AnalysisOptions options) => Analyze(dir, RunFolder.ReadConfig(dir), options);

    /// <summary>
    /// `vaelab analyze`: <see cref="Analyze(string, AnalysisOptions)"/>, then report.html beside diagnostics.json;
    /// config.json is read once for both.
    /// </summary>
    public static RunDiagnostics AnalyzeWithReport(string dir, AnalysisOptions options)
    {
        var config = RunFolder.ReadConfig(dir);
        var diagnostics = Analyze(dir, config, options);
        HtmlReportWriter.Write(HtmlReportBuilder.ForRun(dir, config, diagnostics), Path.Combine(dir, HtmlReportWriter.FileName));
        return diagnostics;
    }

    private static RunDiagnostics Analyze(string dir, RunConfig config, AnalysisOptions options)
    {
        if (config.Family == DataFamilyKind.File) return AnalyzeDataFile(dir, config, options);
        var model = RunFolder.LoadModel(dir, config);
        var family = RunFactory.CreateFamily(config);
        if (!File.Exists(Path.Combine(dir, RunLayout.TruthFile))) TruthFile.Write(dir, family, config.DataSeed);
        var summary = RunFolder.ReadSummary(dir);
        var stage2 = RunFolder.LoadStage2(dir, config);
        // Every run draws its own true samples, reference band and generated samples: no two runs share a reference pair.
        options = options with { Seed = RngStreams.DeriveSeed(options.Seed, $"run:{config.Family}:{config.DataSeed}:{config.Seed}") };
        var diagnostics = ClaimRules.Judge(Analyzer.Analyze(model, family, summary.EncoderVariances, config.ActiveThreshold, options, stage2, config.Stage2SampleNoise));
        RunFigures.Draw(dir, config, family, model, stage2, diagnostics, options);
        AtomicFile.WriteText(Path.Combine(dir, RunLayout.DiagnosticsFile), JsonSerializer.Serialize(diagnostics, Json.Options));
        return diagnostics;
    }

    private static RunDiagnostics AnalyzeDataFile(string dir, RunConfig config, AnalysisOptions options)
    {
        var model = RunFolder.LoadModel(dir, config);
        var summary = RunFolder.ReadSummary(dir);
        var split = DataFileSplit.Load(config);
        RunFolder.ReadDataFileFingerprint(dir)?.Check(config.DataFile, split.Train.Rows + split.HeldOut.Rows, split.Train.Cols);
        var d = ClaimRules.Judge(Analyzer.AnalyzeDataset(model, split.Train, summary.EncoderVariances, config.ActiveThreshold, summary.DataFile?.HeldOutLoss ?? double.NaN, options));
        RunFigures.DrawDataFile(dir, d);
        AtomicFile.WriteText(Path.Combine(dir, RunLayout.DiagnosticsFile), JsonSerializer.Serialize(d, Json.Options));
        return d;
    }

    /// <summary>Reads diagnostics.json.</summary>
    public static RunDiagnostics Read(string dir) =>
        JsonSerializer.Deserialize<RunDiagnostics>(File.ReadAllText(Path.Combine(dir, RunLayout.DiagnosticsFile)), Json.Options)!;
}

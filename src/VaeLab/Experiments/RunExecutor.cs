using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VaeLab.Training;

namespace VaeLab.Experiments;

/// <summary>Trains one configuration into a run folder, atomically: nothing at the final path until complete.</summary>
public static class RunExecutor
{
    /// <summary>
    /// Trains <paramref name="config"/> and writes the run folder <paramref name="outDir"/>. Work happens in
    /// "outDir.partial"; on success it is renamed to outDir. <paramref name="progress"/> receives the step.
    /// Returns the summary. On cancellation the partial folder is left and <see cref="OperationCanceledException"/> thrown.
    /// </summary>
    public static RunSummary Execute(RunConfig config, string outDir, int threads, Action<long>? progress = null, CancellationToken cancel = default)
    {
        config.Validate();
        string partial = outDir.TrimEnd('/', '\\') + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);

        var family = RunFolder.CreateFamily(config);
        var model = RunFolder.CreateModel(config, config.BatchSize);
        var trainer = new Trainer(model, family, new TrainingOptions(config.BatchSize, (float)config.LearningRate,
            config.Optimizer, config.TrainingSetSize, config.Seed, config.ActiveThreshold));
        RunFolder.WriteConfig(partial, config, RunEnvironment.Current(threads));

        var clock = Stopwatch.StartNew();
        using (var metrics = new StreamWriter(Path.Combine(partial, RunFolder.MetricsFile)))
        using (var timing = new StreamWriter(Path.Combine(partial, RunFolder.TimingFile)))
        {
            metrics.WriteLine(MetricsRow.Header);
            timing.WriteLine(MetricsRow.TimingHeader);
            trainer.Run(config.Steps, config.LogEvery, row =>
            {
                metrics.WriteLine(row.ToCsv());
                timing.WriteLine(row.ToTimingCsv());
                progress?.Invoke(row.Step);
            }, cancel);
        }
        double wall = clock.Elapsed.TotalSeconds;
        cancel.ThrowIfCancellationRequested();

        var evalModel = RunFolder.CreateModel(config, 1000);
        model.Parameters.Values.CopyTo(evalModel.Parameters.Values, 0);
        var (final, se) = LossEstimator.Estimate(evalModel, family, config.EvalSamples, config.Seed);
        double[] variances = trainer.EncoderVariances();
        Array.Sort(variances);
        var summary = new RunSummary
        {
            FinalLoss = final.Loss,
            FinalLossStandardError = se,
            FinalKl = final.Kl,
            FinalNll = final.Nll,
            DecoderLogVariance = model.DecoderLogVariance,
            DecoderVariance = Math.Exp(model.DecoderLogVariance),
            InitialDecoderLogVariance = config.InitialLogVariance,
            EncoderVariances = variances,
            ActiveLatents = variances.Count(v => v < config.ActiveThreshold),
            ActiveThreshold = config.ActiveThreshold,
            Steps = trainer.Step,
            WallSeconds = wall,
            MicrosecondsPerStep = trainer.Step > 0 ? wall * 1e6 / trainer.Step : 0,
        };
        SafeTensors.Write(Path.Combine(partial, RunFolder.ModelFile), model.Parameters, new Dictionary<string, string>
        {
            ["format"] = "vaelab",
            ["decoderLogVariance"] = model.DecoderLogVariance.ToString("R", CultureInfo.InvariantCulture),
            ["config"] = JsonSerializer.Serialize(config, Json.Compact),
        });
        AtomicFile.WriteText(Path.Combine(partial, RunFolder.SummaryFile), JsonSerializer.Serialize(summary, Json.Options));

        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        Directory.Move(partial, outDir);
        return summary;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Experiments;

/// <summary>Trains one configuration into a run folder, atomically: nothing at the final path until complete.</summary>
public static class RunExecutor
{
    /// <summary>
    /// Trains <paramref name="config"/> (and its stage-2 VAE when two-stage) and writes the run folder
    /// <paramref name="outDir"/>. Work happens in "outDir.partial", renamed to outDir on success.
    /// <paramref name="progress"/> receives the number of steps done so far over both stages.
    /// On cancellation the partial folder is left and <see cref="OperationCanceledException"/> thrown.
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
        double wall = Train(trainer, config.Steps, config.LogEvery, Path.Combine(partial, RunFolder.MetricsFile), Path.Combine(partial, RunFolder.TimingFile), s => progress?.Invoke(s), cancel);

        var evalModel = RunFolder.CreateModel(config, 1000);
        model.Parameters.Values.CopyTo(evalModel.Parameters.Values, 0);
        var (final, se) = LossEstimator.Estimate(evalModel, family, config.EvalSamples, config.Seed);
        double[] variances = trainer.EncoderVariances();
        Array.Sort(variances);
        Stage2Summary? stage2 = config.TwoStage ? TrainStage2(config, model, family, partial, progress, cancel) : null;
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
            Stage2 = stage2,
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

    /// <summary>Stage 2: a VAE on z ~ q(z|x) for fresh x, with its own seed streams ("stage2"), Adam and step count.</summary>
    private static Stage2Summary TrainStage2(RunConfig config, Vae stage1, DataFamily family, string dir, Action<long>? progress, CancellationToken cancel)
    {
        ulong seed = RngStreams.DeriveSeed(config.Seed, "stage2");
        var model = RunFolder.CreateStage2Model(config, config.BatchSize);
        var codes = new LatentCodeSource(stage1, family, config.BatchSize);
        var trainer = new Trainer(model, codes, new TrainingOptions(config.BatchSize, (float)config.Stage2LearningRateResolved, "adam", 0, seed, config.ActiveThreshold));
        double wall = Train(trainer, config.Stage2StepsResolved, config.LogEvery, Path.Combine(dir, RunFolder.Stage2MetricsFile), null,
            s => progress?.Invoke(config.Steps + s), cancel);
        var evalModel = RunFolder.CreateStage2Model(config, config.BatchSize);
        model.Parameters.Values.CopyTo(evalModel.Parameters.Values, 0);
        var (final, _) = LossEstimator.Estimate(evalModel, new LatentCodeSource(stage1, family, config.BatchSize), Math.Min(config.EvalSamples, 10_000), seed);
        double[] variances = trainer.EncoderVariances();
        Array.Sort(variances);
        SafeTensors.Write(Path.Combine(dir, RunFolder.Stage2ModelFile), model.Parameters, new Dictionary<string, string>
        {
            ["format"] = "vaelab-stage2",
            ["decoderLogVariance"] = model.DecoderLogVariance.ToString("R", CultureInfo.InvariantCulture),
        });
        return new Stage2Summary(final.Loss, model.DecoderLogVariance, variances, variances.Count(v => v < config.ActiveThreshold), trainer.Step, wall);
    }

    private static double Train(Trainer trainer, long steps, int logEvery, string metricsPath, string? timingPath, Action<long> progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        using (var metrics = new StreamWriter(metricsPath))
        using (var timing = timingPath == null ? StreamWriter.Null : new StreamWriter(timingPath))
        {
            metrics.WriteLine(MetricsRow.Header);
            timing.WriteLine(MetricsRow.TimingHeader);
            trainer.Run(steps, logEvery, row =>
            {
                metrics.WriteLine(row.ToCsv());
                timing.WriteLine(row.ToTimingCsv());
                progress(row.Step);
            }, cancel);
        }
        cancel.ThrowIfCancellationRequested();
        return clock.Elapsed.TotalSeconds;
    }
}

using System.Globalization;
using System.Text.Json;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Runs;

/// <summary>
/// Trains one configuration into a run folder, atomically: work happens in "outDir.partial", renamed to outDir
/// when complete. Checkpoints (checkpoint.bin, stage2-checkpoint.bin) make a killed run resumable bit for bit.
/// </summary>
public static class RunExecutor
{
    /// <summary>
    /// Trains <paramref name="config"/> (and its stage-2 VAE when two-stage) into <paramref name="outDir"/>.
    /// With <paramref name="resume"/>, continues from the checkpoints in the partial folder. <paramref name="progress"/>
    /// receives the steps done so far over both stages. On cancellation a checkpoint is written and
    /// <see cref="TrainingInterruptedException"/> thrown.
    /// </summary>
    public static RunSummary Execute(RunConfig config, string outDir, int threads, Action<long>? progress = null, CancellationToken cancel = default, bool resume = false)
    {
        config.Validate();
        string partial = RunLayout.PartialDir(outDir);
        // Your own data: the file's training split is the training set; n comes from the file.
        var split = config.Family == DataFamilyKind.File ? DataFileSplit.Load(config) : null;
        if (split != null)
        {
            if (resume && config.DataDim != split.Train.Cols)
                throw new ConfigException($"--data-file '{config.DataFile}' now has {split.Train.Cols} columns; the run started with {config.DataDim}.");
            config = config with { DataDim = split.Train.Cols, Padding = 0 };
        }
        if (!resume)
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            Directory.CreateDirectory(partial);
            RunFolder.WriteConfig(partial, config, RunEnvironment.Current(threads));
        }

        IDataSource family = split != null ? new DatasetSource(split.Train) : RunFactory.CreateFamily(config);
        if (family is DataFamily truth) TruthFile.Write(partial, truth, config.DataSeed);
        var model = RunFactory.CreateModel(config, config.BatchSize);
        var trainer = RunFactory.CreateTrainer(config, model, family, split?.Train.Values);
        // Cheap diagnostics at every checkpoint, on a copy of the model with streams of their own: training bits are unchanged.
        var probe = family is DataFamily truthFamily
            ? new TrajectoryProbe(truthFamily, RunFactory.CreateModel(config, 1000), RngStreams.DeriveSeed(config.Seed, "trajectory"), config.ActiveThreshold)
            : null;
        double wall = Train(trainer, config, config.Steps, partial, RunLayout.CheckpointFile, RunLayout.MetricsFile, RunLayout.TimingFile, s => progress?.Invoke(s), outDir, cancel, probe);

        var evalModel = RunFactory.CreateModel(config, 1000);
        model.Parameters.Values.CopyTo(evalModel.Parameters.Values, 0);
        var (final, se) = split != null
            ? LossEstimator.Estimate(evalModel, new DatasetSource(split.Train), Math.Min(config.EvalSamples, split.Train.Rows), config.Seed)
            : LossEstimator.Estimate(evalModel, family, config.EvalSamples, config.Seed);
        DataFileSummary? dataFile = null;
        if (split != null)
        {
            var (held, heldSe) = split.HeldOut.Rows > 0 ? LossEstimator.Estimate(evalModel, new DatasetSource(split.HeldOut), split.HeldOut.Rows, config.Seed) : (default, double.NaN);
            dataFile = new DataFileSummary(config.DataFile, split.Train.Rows, split.HeldOut.Rows, split.HeldOut.Rows > 0 ? held.Loss : double.NaN, heldSe, split.Mean, split.Std);
        }
        double[] variances = trainer.EncoderVariances();
        Array.Sort(variances);
        Stage2Summary? stage2 = config.TwoStage ? TrainStage2(config, model, family, partial, progress, outDir, cancel) : null;
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
            DataFile = dataFile,
        };
        SafeTensors.Write(Path.Combine(partial, RunLayout.ModelFile), model.Parameters, new Dictionary<string, string>
        {
            ["format"] = "vaelab",
            ["decoderLogVariance"] = model.DecoderLogVariance.ToString("R", CultureInfo.InvariantCulture),
            ["config"] = JsonSerializer.Serialize(config, Json.Compact),
        });
        File.Delete(Path.Combine(partial, RunLayout.CheckpointFile));
        File.Delete(Path.Combine(partial, RunLayout.Stage2CheckpointFile));
        AtomicFile.WriteText(Path.Combine(partial, RunLayout.SummaryFile), JsonSerializer.Serialize(summary, Json.Options));

        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        Directory.Move(partial, outDir);
        return summary;
    }

    /// <summary>Stage 2: a VAE on z ~ q(z|x) for fresh x, with its own seed streams ("stage2"), Adam and step count.</summary>
    private static Stage2Summary TrainStage2(RunConfig config, Vae stage1, IDataSource family, string dir, Action<long>? progress, string outDir, CancellationToken cancel)
    {
        ulong seed = RunFactory.Stage2Seed(config);
        var model = RunFactory.CreateStage2Model(config, config.BatchSize);
        var codes = new LatentCodeSource(stage1, family, config.BatchSize);
        var trainer = RunFactory.CreateStage2Trainer(config, model, codes);
        double wall = Train(trainer, config, config.Stage2StepsResolved, dir, RunLayout.Stage2CheckpointFile, RunLayout.Stage2MetricsFile, null,
            s => progress?.Invoke(config.Steps + s), outDir, cancel);
        var evalModel = RunFactory.CreateStage2Model(config, config.BatchSize);
        model.Parameters.Values.CopyTo(evalModel.Parameters.Values, 0);
        var (final, _) = LossEstimator.Estimate(evalModel, new LatentCodeSource(stage1, family, config.BatchSize), Math.Min(config.EvalSamples, 10_000), seed);
        double[] variances = trainer.EncoderVariances();
        Array.Sort(variances);
        SafeTensors.Write(Path.Combine(dir, RunLayout.Stage2ModelFile), model.Parameters, new Dictionary<string, string>
        {
            ["format"] = "vaelab-stage2",
            ["decoderLogVariance"] = model.DecoderLogVariance.ToString("R", CultureInfo.InvariantCulture),
        });
        return new Stage2Summary(final.Loss, model.DecoderLogVariance, variances, variances.Count(v => v < config.ActiveThreshold), trainer.Step, wall);
    }

    /// <summary>
    /// Runs one stage to <paramref name="steps"/>, resuming from its checkpoint when present (metrics files are cut
    /// back to the checkpoint's step), checkpointing every config.CheckpointEvery steps and at the end.
    /// </summary>
    private static double Train(Trainer trainer, RunConfig config, long steps, string dir, string checkpointFile, string metricsFile, string? timingFile,
        Action<long> progress, string outDir, CancellationToken cancel, TrajectoryProbe? probe = null)
    {
        string checkpointPath = Path.Combine(dir, checkpointFile);
        var state = File.Exists(checkpointPath) ? Checkpoint.Read(checkpointPath) : null;
        if (state != null) trainer.SetState(state);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var metrics = OpenCsv(Path.Combine(dir, metricsFile), MetricsRow.Header, state?.LogLengths.ElementAtOrDefault(0));
        using var timing = timingFile == null ? StreamWriter.Null : OpenCsv(Path.Combine(dir, timingFile), MetricsRow.TimingHeader, state?.LogLengths.ElementAtOrDefault(1));
        using var trajectory = probe == null ? null : new TrajectoryLog(Path.Combine(dir, RunLayout.TrajectoryFile), state?.Step);
        void Measure() => trajectory?.Write(probe!.Measure(trainer.Vae, trainer.Step, trainer.EncoderVariances()));
        if (state == null) Measure();
        void Save()
        {
            Measure();
            metrics.Flush();
            timing.Flush();
            Checkpoint.Write(checkpointPath, trainer.GetState() with { LogLengths = [metrics.BaseStream.Length, timing == StreamWriter.Null ? 0 : timing.BaseStream.Length] });
        }
        progress(trainer.Step);
        trainer.Run(steps, config.LogEvery, row =>
        {
            metrics.WriteLine(row.ToCsv());
            timing.WriteLine(row.ToTimingCsv());
            progress(row.Step);
        }, cancel, config.CheckpointEvery, config.CheckpointEvery > 0 ? Save : null);
        Save();
        if (cancel.IsCancellationRequested)
            throw new TrainingInterruptedException($"interrupted at step {trainer.Step}; the checkpoint is saved: continue with 'vaelab train --resume {outDir}'.");
        return clock.Elapsed.TotalSeconds;
    }

    // Opens a log for appending. On resume the file is cut back to its length at the checkpoint: rows (or parts of
    // a row) written after it are dropped.
    private static StreamWriter OpenCsv(string path, string header, long? lengthAtCheckpoint)
    {
        if (lengthAtCheckpoint is { } length && File.Exists(path))
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            stream.SetLength(length);
            stream.Seek(0, SeekOrigin.End);
            return new StreamWriter(stream);
        }
        var w = new StreamWriter(path);
        w.WriteLine(header);
        return w;
    }
}

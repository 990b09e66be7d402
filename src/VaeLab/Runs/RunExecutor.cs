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
    // Every file a run writes into its partial folder; a fresh start removes these and nothing else.
    private static readonly string[] RunFiles =
    [
        RunLayout.ConfigFile, RunLayout.MetricsFile, RunLayout.TimingFile, RunLayout.ModelFile, RunLayout.SummaryFile,
        RunLayout.Stage2ModelFile, RunLayout.Stage2MetricsFile, RunLayout.CheckpointFile, RunLayout.Stage2CheckpointFile,
    ];

    /// <summary>
    /// Trains <paramref name="config"/> (and its stage-2 VAE when two-stage) into <paramref name="outDir"/>.
    /// With <paramref name="resume"/>, continues from the checkpoints in the partial folder. <paramref name="progress"/>
    /// receives the steps done so far over both stages. On cancellation a checkpoint is written and
    /// <see cref="TrainingInterruptedException"/> thrown. The partial folder is locked for the whole run (or
    /// <paramref name="heldLock"/>, a lock the caller already holds on it, is used); a run locked by another process
    /// throws <see cref="RunBusyException"/>. Nothing VaeLab did not create is ever deleted.
    /// </summary>
    public static RunSummary Execute(RunConfig config, string outDir, int threads, Action<long>? progress = null, CancellationToken cancel = default, bool resume = false,
        RunLock? heldLock = null) =>
        Finish(TrainStage1(config, outDir, threads, progress, cancel, resume, heldLock), progress, cancel);

    /// <summary>
    /// The first half of <see cref="Execute"/>: checks the output, locks the partial folder (unless
    /// <paramref name="heldLock"/> is given), trains stage 1 there (its checkpoint stays) and estimates its final loss.
    /// <see cref="Finish"/> then trains stage 2 and completes the folder, on any thread, at any later time: the grid
    /// runner schedules the two as separate work items. The lock taken here is released by <see cref="Finish"/>.
    /// </summary>
    public static TrainedStage1 TrainStage1(RunConfig config, string outDir, int threads, Action<long>? progress = null, CancellationToken cancel = default,
        bool resume = false, RunLock? heldLock = null)
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
        MemoryEstimate.Check(config, MemoryEstimate.Available(), split == null ? 0 : split.Train.Rows + split.HeldOut.Rows);
        SafeFolder.CheckOutput(outDir, "--out");
        if (Directory.Exists(partial) && !SafeFolder.IsEmpty(partial) && !SafeFolder.IsVaeLabMade(partial))
            throw new ConfigException($"'{partial}' exists and holds files VaeLab did not write; move it away or pass another --out.");
        var ownLock = heldLock == null ? RunLock.Acquire(partial) : null;
        try
        {
            return TrainStage1Locked(config, split, outDir, partial, threads, progress, cancel, resume) with { OwnedLock = ownLock };
        }
        catch (Exception)
        {
            DropUnstartedPartial(partial);
            ownLock?.Dispose();
            throw;
        }
    }

    /// <summary>Trains stage 2 when the run is two-stage, writes the model and summary.json, renames the partial folder to the run folder and releases the lock <see cref="TrainStage1"/> took.</summary>
    public static RunSummary Finish(TrainedStage1 stage1, Action<long>? progress = null, CancellationToken cancel = default)
    {
        try
        {
            return FinishLocked(stage1, progress, cancel);
        }
        finally
        {
            stage1.OwnedLock?.Dispose();
        }
    }

    // A partial folder that holds nothing but the marker this call created is removed again when the run fails
    // before writing anything (busy, out of memory, bad data).
    private static void DropUnstartedPartial(string partial)
    {
        var entries = Directory.Exists(partial) ? Directory.GetFileSystemEntries(partial) : [];
        if (entries.Length == 1 && Path.GetFileName(entries[0]) == SafeFolder.MarkerFile)
        {
            File.Delete(entries[0]);
            Directory.Delete(partial);
        }
    }

    private static TrainedStage1 TrainStage1Locked(RunConfig config, DataFileSplit? split, string outDir, string partial, int threads, Action<long>? progress,
        CancellationToken cancel, bool resume)
    {
        if (RunLayout.IsComplete(outDir)) throw new ConfigException($"--out '{outDir}' already holds a finished run; pass another --out.");
        if (!resume)
        {
            // Start over inside the (VaeLab-made, locked) partial folder: remove only the files a run writes.
            foreach (string name in RunFiles) File.Delete(Path.Combine(partial, name));
            RunFolder.WriteConfig(partial, config, RunEnvironment.Current(threads),
                split == null ? null : DataFileFingerprint.Of(config.DataFile, split.Train.Rows + split.HeldOut.Rows, split.Train.Cols));
        }
        else if (RunFolder.ReadConfig(partial) is var stored && !RunFolder.SameSettings(stored, config))
            throw new ConfigException($"'{partial}/{RunLayout.ConfigFile}' no longer holds the settings this run is resumed with; it was edited or belongs to another run.");
        else if (split != null)
            RunFolder.ReadDataFileFingerprint(partial)?.Check(config.DataFile, split.Train.Rows + split.HeldOut.Rows, split.Train.Cols);

        IDataSource family = split != null ? new DatasetSource(split.Train) : RunFactory.CreateFamily(config);
        if (family is DataFamily truth) TruthFile.Write(partial, truth, config.DataSeed);
        var model = RunFactory.CreateModel(config, config.BatchSize);
        var trainer = RunFactory.CreateTrainer(config, model, family, split?.Train.Values);
        // Cheap diagnostics at every checkpoint, on a copy of the model with streams of their own: training bits are unchanged.
        var probe = family is DataFamily truthFamily
            ? new TrajectoryProbe(truthFamily, RunFactory.CreateModel(config, 1000), RngStreams.DeriveSeed(config.Seed, "trajectory"), config.ActiveThreshold)
            : null;
        double wall;
        try
        {
            wall = Train(trainer, config, config.Steps, partial, RunLayout.CheckpointFile, RunLayout.MetricsFile, RunLayout.TimingFile, s => progress?.Invoke(s), outDir, cancel, probe);
        }
        catch (TrainingDivergedException e) when (split != null && !config.Standardize)
        {
            throw new TrainingDivergedException($"{e.Message.TrimEnd('.')}, or --standardize: the --data-file values are used as they are (largest |x| {split.Train.MaxAbs():G3}).");
        }

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
        return new TrainedStage1(config, outDir, model, family, trainer.Step, wall, final, se, variances, dataFile);
    }

    private static RunSummary FinishLocked(TrainedStage1 stage1, Action<long>? progress, CancellationToken cancel)
    {
        var (config, outDir, model, family) = (stage1.Config, stage1.OutDir, stage1.Model, stage1.Family);
        var (final, se, variances, wall, dataFile) = (stage1.Final, stage1.FinalStandardError, stage1.EncoderVariances, stage1.WallSeconds, stage1.DataFile);
        string partial = RunLayout.PartialDir(outDir);
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
            Steps = stage1.Steps,
            WallSeconds = wall,
            MicrosecondsPerStep = stage1.Steps > 0 ? wall * 1e6 / stage1.Steps : 0,
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
        // Temporary files of killed writers (name.tmp-PID) never reach a finished run folder.
        foreach (string temp in Directory.EnumerateFiles(partial, "*.tmp-*")) File.Delete(temp);
        AtomicFile.WriteText(Path.Combine(partial, RunLayout.SummaryFile), JsonSerializer.Serialize(summary, Json.Options));

        if (Directory.Exists(outDir))
        {
            if (SafeFolder.IsEmpty(outDir)) Directory.Delete(outDir);
            else SafeFolder.Delete(outDir, Path.GetDirectoryName(Path.GetFullPath(outDir.TrimEnd('/', '\\')))!);
        }
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
        var state = File.Exists(checkpointPath) || Directory.Exists(checkpointPath) ? Checkpoint.Read(checkpointPath) : null;
        string configHash = RunFolder.ConfigHash(config);
        if (state != null)
        {
            ResumeChecks.Check(state, steps, configHash, checkpointPath, dir, metricsFile, timingFile);
            trainer.SetState(state);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var metrics = OpenCsv(Path.Combine(dir, metricsFile), MetricsRow.Header, state?.LogLengths.ElementAtOrDefault(0));
        using var timing = timingFile == null ? StreamWriter.Null : OpenCsv(Path.Combine(dir, timingFile), MetricsRow.TimingHeader, state?.LogLengths.ElementAtOrDefault(1));
        using var trajectory = probe == null ? null : new TrajectoryLog(Path.Combine(dir, RunLayout.TrajectoryFile), state?.Step);
        void Measure() => trajectory?.Write(probe!.Measure(trainer.Vae, trainer.Step, trainer.EncoderVariances()));
        if (state == null) Measure();
        void Save()
        {
            Measure();
            // The logs reach the disk before the checkpoint that vouches for their length.
            metrics.Flush();
            timing.Flush();
            (metrics.BaseStream as FileStream)?.Flush(flushToDisk: true);
            (timing.BaseStream as FileStream)?.Flush(flushToDisk: true);
            Checkpoint.Write(checkpointPath, trainer.GetState() with
            {
                LogLengths = [metrics.BaseStream.Length, timing == StreamWriter.Null ? 0 : timing.BaseStream.Length],
                ConfigHash = configHash,
            });
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
            throw new TrainingInterruptedException($"stopped at step {trainer.Step}; the checkpoint is saved: continue with 'vaelab train --resume {outDir}'.");
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

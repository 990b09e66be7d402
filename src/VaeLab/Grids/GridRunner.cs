using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Grids;

/// <summary>
/// Runs a list of configurations in parallel on <c>jobs</c> workers into OUT/runs/GRID/CONFIG-dsSEED; stage 1, stage 2
/// and the analysis of a run are separate work items (<see cref="WorkPool"/>). Finished
/// runs (summary.json and the analysis marker present, same resolved config) are skipped; partial ones continue
/// from their checkpoint (or restart when they have none), and finished ones whose config differs restart. A run
/// whose lock another process holds (a second shard, a requeued job) is left alone with status "busy"; a run's lock is
/// held from its first work item to the end of its analysis. Each run's result depends only on its own config and
/// seeds, never on the number of workers.
/// </summary>
public static class GridRunner
{
    /// <summary>The status of a run another process holds the lock of: left alone.</summary>
    public const string Busy = "busy";

    /// <param name="analyze">called after training (or on a finished run lacking its analysis) with the run folder.</param>
    /// <param name="isAnalysed">true when a run folder's analysis is already written.</param>
    /// <param name="progress">receives the number of steps just completed, from any worker thread.</param>
    public static IReadOnlyList<GridRunOutcome> Run(IReadOnlyList<GridRun> runs, string outDir, int jobs, Action<string> analyze,
        Func<string, bool> isAnalysed, Action<long> progress, CancellationToken cancel = default)
    {
        var outcomes = new GridRunOutcome[runs.Count];
        var busy = new double[runs.Count];
        var trainedSteps = new long[runs.Count, 2];
        // The locks each run holds, taken by its first item and released after its analysis (or when it fails).
        var held = new List<RunLock>[runs.Count];
        for (int i = 0; i < runs.Count; i++) held[i] = [];
        string runsRoot = Path.Combine(outDir, "runs");
        // Three work items per run: stage 1, then stage 2 (and the summary), then the analysis, each queued when the one
        // before it ends. Largest estimated cost first, so the long stage-1 trainings start first and the short items
        // fill both cores at the end.
        var items = Enumerable.Range(0, runs.Count).Select(i => new WorkItem(GridSchedule.Stage1Seconds(runs[i].Config), () => Start(i))).ToArray();
        try
        {
            WorkPool.Run(items, jobs, cancel);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var locks in held) Release(locks);
        }
        if (cancel.IsCancellationRequested)
            throw new TrainingInterruptedException("stopped; every unfinished run has saved its checkpoint: run the same command again to continue.");
        return [.. outcomes.Select((o, i) => o with { BusySeconds = busy[i], TrainedFlops = Flops.Run(o.Run.Config, trainedSteps[i, 0], trainedSteps[i, 1]) })];

        IEnumerable<WorkItem> Start(int i) => Step(i, () =>
        {
            var run = runs[i];
            string dir = Path.Combine(outDir, run.RelativeDir);
            SafeFolder.CheckUnder(dir, Path.Combine(runsRoot, run.Grid), "run folder");
            if (RunLayout.IsComplete(dir) && RunFolder.HasConfig(dir, run.Config) && isAnalysed(dir))
            {
                progress(run.Config.TotalSteps);
                outcomes[i] = new GridRunOutcome(run, dir, "skipped", null);
                return [];
            }
            // Lock the run: a finished run by its own marker, an unfinished one by its partial folder's.
            string partial = RunLayout.PartialDir(dir);
            var runLock = RunLock.TryAcquire(RunLayout.IsComplete(dir) ? dir : partial);
            if (runLock == null || (runLock.Folder == partial && RunLayout.IsComplete(dir)))
            {
                runLock?.Dispose();
                progress(run.Config.TotalSteps);
                outcomes[i] = new GridRunOutcome(run, dir, Busy, "another vaelab process is working on this run");
                return [];
            }
            held[i].Add(runLock);
            if (runLock.Folder == dir && !RunFolder.HasConfig(dir, run.Config))
                SafeFolder.Delete(dir, runsRoot);
            if (RunLayout.IsComplete(dir))
            {
                progress(run.Config.TotalSteps);
                return [Analysis(i, dir)];
            }
            var trainLock = runLock.Folder == partial ? runLock : RunLock.Acquire(partial);
            if (trainLock != runLock) held[i].Add(trainLock);
            bool resume = File.Exists(Path.Combine(partial, RunLayout.CheckpointFile)) && RunFolder.HasConfig(partial, run.Config);
            // Steps over both stages; each stage reports its starting step first (the checkpoint's when resumed).
            long last = 0, stageStart = -1;
            int stage = 0;
            void Report(long step)
            {
                progress(step - last);
                last = step;
                if (stageStart < 0) stageStart = step;
                trainedSteps[i, stage] = step - stageStart;
            }
            var stage1 = RunExecutor.TrainStage1(run.Config, dir, threads: 1, Report, cancel, resume, trainLock);
            return [new WorkItem(GridSchedule.Stage2Seconds(run.Config), () => Step(i, () =>
            {
                (stage, stageStart) = (1, -1);
                RunExecutor.Finish(stage1, Report, cancel);
                return [Analysis(i, dir)];
            }))];
        });

        WorkItem Analysis(int i, string dir) => new(GridSchedule.AnalysisSeconds, () => Step(i, () =>
        {
            analyze(dir);
            outcomes[i] = new GridRunOutcome(runs[i], dir, "trained", null);
            Release(held[i]);
            return [];
        }));

        // Runs one item of run i, adding its time to the run's busy time; a failure ends the run with its message.
        IEnumerable<WorkItem> Step(int i, Func<IEnumerable<WorkItem>> work)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                return [.. work()];
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes[i] = new GridRunOutcome(runs[i], Path.Combine(outDir, runs[i].RelativeDir), "failed", e.Message);
                Release(held[i]);
                return [];
            }
            finally
            {
                busy[i] += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
        }
    }

    private static void Release(List<RunLock> locks)
    {
        foreach (var l in locks) l.Dispose();
        locks.Clear();
    }
}

using VaeLab.Runs;

namespace VaeLab.Grids;

/// <summary>
/// Runs a list of configurations in parallel on <c>jobs</c> workers into OUT/runs/GRID/CONFIG-dsSEED; stage 1, stage 2
/// and the analysis of a run are separate work items (<see cref="WorkPool"/>). Finished
/// runs (summary.json and the analysis marker present, same resolved config) are skipped; partial ones continue
/// from their checkpoint (or restart when they have none), and finished ones whose config differs restart. Each run's
/// result depends only on its own config and seeds, never on the number of workers.
/// </summary>
public static class GridRunner
{
    /// <param name="analyze">called after training (or on a finished run lacking its analysis) with the run folder.</param>
    /// <param name="isAnalysed">true when a run folder's analysis is already written.</param>
    /// <param name="progress">receives the number of steps just completed, from any worker thread.</param>
    public static IReadOnlyList<GridRunOutcome> Run(IReadOnlyList<GridRun> runs, string outDir, int jobs, Action<string> analyze,
        Func<string, bool> isAnalysed, Action<long> progress, CancellationToken cancel = default)
    {
        var outcomes = new GridRunOutcome[runs.Count];
        var busy = new double[runs.Count];
        var trainedSteps = new long[runs.Count, 2];
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
        cancel.ThrowIfCancellationRequested();
        return [.. outcomes.Select((o, i) => o with { BusySeconds = busy[i], TrainedFlops = Flops.Run(o.Run.Config, trainedSteps[i, 0], trainedSteps[i, 1]) })];

        IEnumerable<WorkItem> Start(int i) => Step(i, () =>
        {
            var run = runs[i];
            string dir = Path.Combine(outDir, run.RelativeDir);
            if (RunLayout.IsComplete(dir) && !RunFolder.HasConfig(dir, run.Config))
                Directory.Delete(dir, recursive: true);
            if (RunLayout.IsComplete(dir) && isAnalysed(dir))
            {
                progress(run.Config.TotalSteps);
                outcomes[i] = new GridRunOutcome(run, dir, "skipped", null);
                return [];
            }
            if (RunLayout.IsComplete(dir))
            {
                progress(run.Config.TotalSteps);
                return [Analysis(i, dir)];
            }
            Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
            string partial = RunLayout.PartialDir(dir);
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
            var stage1 = RunExecutor.TrainStage1(run.Config, dir, threads: 1, Report, cancel, resume);
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
                return [];
            }
            finally
            {
                busy[i] += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
        }
    }
}

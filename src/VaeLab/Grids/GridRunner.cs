using System.Collections.Concurrent;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Grids;

/// <summary>
/// Runs a list of configurations in parallel, one run per worker, into OUT/runs/GRID/CONFIG-dsSEED. Finished
/// runs (summary.json and the analysis marker present, same resolved config) are skipped; partial ones continue
/// from their checkpoint (or restart when they have none), and finished ones whose config differs restart. A run
/// whose lock another process holds (a second shard, a requeued job) is left alone with status "busy". Each run's
/// result depends only on its own config and seeds, never on the number of workers.
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
        var order = Enumerable.Range(0, runs.Count).OrderByDescending(i => runs[i].Cost).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel };
        try
        {
            // NoBuffering hands out one run at a time in cost order, so the slowest runs start first.
            Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), options, i =>
            {
                var run = runs[i];
                string dir = Path.Combine(outDir, run.RelativeDir);
                try
                {
                    string runsRoot = Path.Combine(outDir, "runs");
                    SafeFolder.CheckUnder(dir, Path.Combine(runsRoot, run.Grid), "run folder");
                    if (RunLayout.IsComplete(dir) && RunFolder.HasConfig(dir, run.Config) && isAnalysed(dir))
                    {
                        progress(run.Config.TotalSteps);
                        outcomes[i] = new GridRunOutcome(run, dir, "skipped", null);
                        return;
                    }
                    // Lock the run: a finished run by its own marker, an unfinished one by its partial folder's.
                    string partial = RunLayout.PartialDir(dir);
                    using var runLock = RunLock.TryAcquire(RunLayout.IsComplete(dir) ? dir : partial);
                    if (runLock == null || (runLock.Folder == partial && RunLayout.IsComplete(dir)))
                    {
                        progress(run.Config.TotalSteps);
                        outcomes[i] = new GridRunOutcome(run, dir, Busy, "another vaelab process is working on this run");
                        return;
                    }
                    if (runLock.Folder == dir && !RunFolder.HasConfig(dir, run.Config))
                        SafeFolder.Delete(dir, runsRoot);
                    if (!RunLayout.IsComplete(dir))
                    {
                        using var trainLock = runLock.Folder == partial ? null : RunLock.Acquire(partial);
                        bool resume = File.Exists(Path.Combine(partial, RunLayout.CheckpointFile)) && RunFolder.HasConfig(partial, run.Config);
                        long last = 0;
                        RunExecutor.Execute(run.Config, dir, threads: 1, step => { progress(step - last); last = step; }, cancel, resume, trainLock ?? runLock);
                    }
                    else
                    {
                        progress(run.Config.TotalSteps);
                    }
                    analyze(dir);
                    outcomes[i] = new GridRunOutcome(run, dir, "trained", null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcomes[i] = new GridRunOutcome(run, dir, "failed", e.Message);
                }
            });
        }
        catch (OperationCanceledException)
        {
        }
        catch (AggregateException e) when (cancel.IsCancellationRequested && e.Flatten().InnerExceptions.All(x => x is OperationCanceledException))
        {
        }
        if (cancel.IsCancellationRequested)
            throw new TrainingInterruptedException("stopped; every unfinished run has saved its checkpoint: run the same command again to continue.");
        return outcomes;
    }
}

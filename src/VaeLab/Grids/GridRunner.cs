using System.Collections.Concurrent;
using VaeLab.Runs;

namespace VaeLab.Grids;

/// <summary>
/// Runs a list of configurations in parallel, one run per worker, into OUT/runs/GRID/CONFIG-dsSEED. Finished
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
                    if (RunLayout.IsComplete(dir) && !RunFolder.HasConfig(dir, run.Config))
                        Directory.Delete(dir, recursive: true);
                    if (RunLayout.IsComplete(dir) && isAnalysed(dir))
                    {
                        progress(run.Config.TotalSteps);
                        outcomes[i] = new GridRunOutcome(run, dir, "skipped", null);
                        return;
                    }
                    if (!RunLayout.IsComplete(dir))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
                        string partial = RunLayout.PartialDir(dir);
                        bool resume = File.Exists(Path.Combine(partial, RunLayout.CheckpointFile)) && RunFolder.HasConfig(partial, run.Config);
                        long last = 0;
                        RunExecutor.Execute(run.Config, dir, threads: 1, step => { progress(step - last); last = step; }, cancel, resume);
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
        cancel.ThrowIfCancellationRequested();
        return outcomes;
    }
}

using VaeLab.Diagnostics;
using VaeLab.Grids;
using VaeLab.Reporting;
using VaeLab.Runs;

namespace VaeLab.Cli;

/// <summary>Runs and analyses a list of grid runs with one progress bar: shared by reproduce and sweep.</summary>
public static class GridExecution
{
    public static IReadOnlyList<GridRunOutcome> Run(IReadOnlyList<GridRun> runs, string outDir, int workers, bool show) =>
        Terminal.Progress(show, $"{runs.Count} runs", runs.Sum(r => r.Config.TotalSteps), (report, cancel) =>
        {
            long done = 0;
            return GridRunner.Run(runs, outDir, workers, dir => RunAnalysis.Analyze(dir, new AnalysisOptions()), RunLayout.IsAnalysed,
                steps => report(Interlocked.Add(ref done, steps)), cancel);
        });
}

using System.Diagnostics;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Theory;

namespace VaeLab.Reporting;

/// <summary>
/// `vaelab reproduce` end to end: runs the paper's grids, analyses every run, runs the linear theory, and writes
/// theory/, the claim and trajectory figures, results.csv, report.md and report.html into the output folder.
/// </summary>
public static class Reproduction
{
    /// <summary>
    /// Runs <paramref name="runs"/> through <paramref name="execute"/> (the caller's grid runner, which may show progress), then
    /// judges them and writes every report into <paramref name="outDir"/>. <paramref name="commandLine"/> is quoted in the reports;
    /// <paramref name="progress"/> hears about the slow steps after the grid.
    /// </summary>
    public static ReproductionResult Run(IReadOnlyList<GridRun> runs, string profile, int? modelSeeds, string outDir, int workers, string commandLine,
        Func<IReadOnlyList<GridRun>, IReadOnlyList<GridRunOutcome>> execute, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        var outcomes = execute(runs);
        double gridSeconds = clock.Elapsed.TotalSeconds;
        var compute = GridCompute.From(outcomes, workers, gridSeconds, VaeLab.Numerics.FmaPeak.MeasureGflops());
        var records = ReproduceReport.Load(outcomes);
        progress("linear theory (closed form)...");
        var theory = TheoryClaims.Run(new TheorySettings());
        TheoryReport.Write(theory, Path.Combine(outDir, "theory"));
        ClaimsSection.WriteFigures(outDir, ReproduceReport.Judged(records));
        ReproduceReport.WriteTrajectoryFigures(outDir, records);
        AtomicFile.WriteText(Path.Combine(outDir, "results.csv"), ReproduceReport.ResultsCsv(records));
        AtomicFile.WriteText(Path.Combine(outDir, "report.md"), ReproduceReport.Markdown(records, outcomes, profile, commandLine,
            RunEnvironment.Current(workers), clock.Elapsed.TotalSeconds, modelSeeds, [theory.C10!, theory.C11!], compute.Markdown() + "\n" + TheoryReport.Markdown(theory, "theory/")));
        AtomicFile.WriteText(Path.Combine(outDir, HtmlReportWriter.FileName), HtmlReportWriter.Render(HtmlReportBuilder.Build(
            "VaeLab: the paper, rerun claim by claim",
            [$"command: {commandLine}", $"profile: {PaperGrids.Describe(profile, modelSeeds)}", $"runs: {records.Count} finished, {outcomes.Count(x => x.Status == "failed")} failed", "every number comes from a run folder; results.csv has one row per run"],
            records, [theory.C10!, theory.C11!], HtmlReportBuilder.FiguresIn(Path.Combine(outDir, "theory")))));
        return new ReproductionResult(outcomes, records, theory);
    }
}

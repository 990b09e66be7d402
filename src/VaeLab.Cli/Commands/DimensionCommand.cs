using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Reporting;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab dimension`: the VAE's per-point dimension beside the classical estimators, scored against the truth.</summary>
public static class DimensionCommand
{
    public static Command Create()
    {
        var command = new Command("dimension", "What dimension does a VAE see? Trains a VAE on a family (or takes --run DIR, or --data-file), then measures its local Jacobian rank and active latents at each true point beside MLE, TwoNN, local PCA and ESS; scores each against the per-point truth; writes dimension.json and figures.");
        var config = new Option<string?>("--config") { Description = "JSON file of settings; command-line options override it", HelpName = "file.json" };
        var run = new Option<string?>("--run") { Description = "a finished run folder to measure instead of training", HelpName = "run_dir" };
        var output = new Option<string?>("--out") { Description = "folder to create for dimension.json, figures and the trained run (default dimension/FAMILY-seedN-TIME)", HelpName = "dir" };
        var points = new Option<int>("--points") { Description = "true points to measure (default 2000, at most 50000)", DefaultValueFactory = _ => 2000 };
        var k = new Option<int>("--k") { Description = "neighbours of the kNN estimators (default 20)", DefaultValueFactory = _ => 20 };
        var fraction = new Option<double>("--pca-fraction") { Description = "local variance local PCA must explain (default 0.95)", DefaultValueFactory = _ => 0.95 };
        var rank = new Option<double>("--rank-threshold") { Description = "relative singular value counted in the local rank (default 0.01)", DefaultValueFactory = _ => 0.01 };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar or table" };
        var grid = new Option<string?>("--grid") { Description = "a benchmark file (e.g. experiments/dimension-benchmark.json): train and measure every run, then write dimension-benchmark.md", HelpName = "file.json" };
        var jobs = new Option<int>("--jobs") { Description = "with --grid: runs in parallel (default 2); results do not depend on it", DefaultValueFactory = _ => 2 };
        foreach (var o in new Option[] { config, run, output, points, k, fraction, rank, quiet, grid, jobs }) command.Options.Add(o);
        var settings = new SettingOptions(command);
        command.SetAction(result =>
        {
            var o = new DimensionOptions(result.GetValue(points), result.GetValue(k), result.GetValue(fraction), result.GetValue(rank));
            o.Validate();
            bool show = !result.GetValue(quiet);
            string runDir;
            string outDir;
            if (result.GetValue(grid) is { } gridFile)
            {
                if (result.GetValue(config) != null || result.GetValue(run) != null || settings.Overrides(result).Count > 0)
                    throw new ConfigException("--grid takes no --config, --run or training settings: the benchmark file holds them.");
                return Benchmark(gridFile, result.GetValue(output), result.GetValue(jobs), o, show);
            }
            if (result.GetValue(run) is { } given)
            {
                if (result.GetValue(config) != null || settings.Overrides(result).Count > 0)
                    throw new ConfigException("--run takes no training settings: the run is measured with the config it was trained with.");
                RunFolder.LoadModel(given);
                runDir = given;
                outDir = result.GetValue(output) ?? given;
                SafeFolder.RequireFolderPath(outDir, "--out");
                // A folder of someone else's files is left alone; the run folder itself or an earlier study is ours to add to.
                bool sameAsRun = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir)) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
                if (Directory.Exists(outDir) && !sameAsRun && Directory.EnumerateFileSystemEntries(outDir).Any() && !IsEarlierStudy(outDir))
                    throw new ConfigException($"--out '{outDir}' already exists and holds files that are not a dimension study; pass a new folder.");
                Directory.CreateDirectory(outDir);
            }
            else
            {
                var file = result.GetValue(config) is { } path ? ConfigResolver.ReadConfigFile(path) : null;
                var resolved = ConfigResolver.Resolve(file, settings.Overrides(result));
                outDir = result.GetValue(output) ?? Path.Combine("dimension", $"{resolved.Family}-seed{resolved.Seed}-{DateTime.Now:yyyyMMdd-HHmmss}");
                SafeFolder.RequireFolderPath(outDir, "--out");
                if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
                    throw new ConfigException($"--out '{outDir}' already exists and is not empty; pass a new folder (or --run DIR to measure a trained run).");
                Directory.CreateDirectory(outDir);
                runDir = Path.Combine(outDir, "run");
                Terminal.Progress(show, $"train {resolved.Family}", resolved.TotalSteps,
                    (report, cancel) => RunExecutor.Execute(resolved, runDir, threads: 1, report, cancel));
            }
            var (trained, model) = RunFolder.LoadModel(runDir);
            var r = DimensionStudy.Measure(trained, model, runDir, o);
            DimensionStudy.Write(outDir, r);
            DimensionFigures.Write(outDir, r);
            if (show)
            {
                Print(r);
                AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(Path.Combine(outDir, DimensionStudy.ResultFile))}[/], {DimensionFigures.EstimatesFile} and {DimensionFigures.SpectraFile}");
            }
            return 0;
        });
        return command;
    }

    // A folder `dimension` wrote: only its result, its two figures and its run, with a dimension.json of its schema.
    private static bool IsEarlierStudy(string dir) =>
        SafeFolder.FirstForeignEntry(dir, n => n is DimensionStudy.ResultFile or DimensionFigures.EstimatesFile or DimensionFigures.SpectraFile or "run") == null
        && SafeFolder.JsonFileMatches(Path.Combine(dir, DimensionStudy.ResultFile), 64 << 20,
            root => root.TryGetProperty("estimates", out _) && root.TryGetProperty("scores", out _) && root.TryGetProperty("spectra", out _));

    private static int Benchmark(string file, string? outDir, int jobs, DimensionOptions o, bool show)
    {
        if (jobs < 1 || jobs > 256) throw new ConfigException($"--jobs must be within [1, 256] (got {jobs}).");
        var bench = DimensionBenchmark.Read(file);
        outDir ??= Path.Combine("dimension", bench.Name);
        SafeFolder.ClaimGridOutput(outDir, "--out", $"dimension --grid {bench.Name}");
        var outcomes = Terminal.Progress(show, $"{bench.Runs.Count} runs", bench.Runs.Sum(r => r.Config.TotalSteps), (report, cancel) =>
        {
            long done = 0;
            return GridRunner.Run(bench.Runs, outDir, jobs, dir =>
                {
                    var (trained, model) = RunFolder.LoadModel(dir);
                    var r = DimensionStudy.Measure(trained, model, dir, o);
                    DimensionFigures.Write(dir, r);
                    DimensionStudy.Write(dir, r);
                },
                dir => File.Exists(Path.Combine(dir, DimensionStudy.ResultFile)),
                steps => report(Interlocked.Add(ref done, steps)), cancel);
        });
        var results = outcomes.Where(x => x.Status != "failed").Select(x => DimensionStudy.Read(Path.Combine(x.Dir, DimensionStudy.ResultFile))).ToList();
        int failed = outcomes.Count(x => x.Status == "failed");
        foreach (var f in outcomes.Where(x => x.Status == "failed")) Console.Error.WriteLine($"failed: {f.Dir}: {f.Error}");
        string markdown = DimensionBenchmarkReport.Build(bench.Name, results, failed);
        string path = Path.Combine(outDir, DimensionBenchmarkReport.File);
        AtomicFile.WriteText(path, markdown);
        if (show) Console.Out.WriteLine(markdown);
        if (show) AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(path)}[/]");
        return failed > 0 ? ExitCodes.RunFailed : ExitCodes.Success;
    }

    /// <summary>The table: one row per estimator (and per true dimension when the truth has several).</summary>
    public static void Print(DimensionResult r)
    {
        static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00", CultureInfo.InvariantCulture);
        string noise = r.NoiseVariance > 0 ? Math.Sqrt(r.NoiseVariance).ToString("G3", CultureInfo.InvariantCulture) : "0";
        var t = new Table().Title($"{r.Family}{(r.Rotated ? " rotated" : "")}: r = {(r.IntrinsicDim > 0 ? r.IntrinsicDim : "?")}, n = {r.AmbientDim}, m = {r.LatentDim}, noise σ = {noise}, {r.Options.Points} points, k = {r.Options.K}");
        if (r.Truth.Length == 0)
        {
            t.AddColumns("estimator", "global", "per-point mean", "per-point median");
            foreach (var e in r.Estimates)
                t.AddRow(e.Estimator, F(e.Global), F(e.PerPoint.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average()), F(Diagnostics.VaeLocalDimension.Median(e.PerPoint)));
        }
        else
        {
            t.AddColumns("estimator", "true dim", "points", "global", "mean", "MAE", "rel. bias", "exact");
            foreach (var s in r.Scores)
                t.AddRow(s.TrueDimension == null ? s.Estimator : "", s.TrueDimension?.ToString() ?? "all", s.Points.ToString(), s.TrueDimension == null ? F(s.Global) : "",
                    F(s.MeanEstimate), F(s.MeanAbsoluteError), (s.RelativeBias * 100).ToString("+0;-0", CultureInfo.InvariantCulture) + "%", (s.ExactFraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%");
        }
        AnsiConsole.Write(t);
    }
}

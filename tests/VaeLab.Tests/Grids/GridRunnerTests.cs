using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Grids;
using VaeLab.Models;
using VaeLab.Reporting;
using VaeLab.Runs;

namespace VaeLab.Tests.Grids;

public class GridRunnerTests
{
    private static GridRun[] TinyGrid() =>
    [
        new("linear", "D3-p2-m5", RunConfig.Defaults(DataFamilyKind.Linear) with { Padding = 2, Latent = 5, Steps = 300, LogEvery = 100, EvalSamples = 300 }),
        new("sigmoid", "d2-p1-m3", RunConfig.Defaults(DataFamilyKind.Sigmoid) with { DataDim = 2, Padding = 1, Latent = 3, Steps = 300, LogEvery = 100, EvalSamples = 300 }),
        new("linear", "D3-p2-m5", RunConfig.Defaults(DataFamilyKind.Linear) with { Padding = 2, Latent = 5, Steps = 300, LogEvery = 100, EvalSamples = 300, DataSeed = 3 }),
    ];

    private static readonly AnalysisOptions Small = new(Samples: 500, JacobianPoints: 50, MmdSamples: 100, MmdReferencePairs: 5);

    [Fact]
    public void Runs_are_resumable_and_independent_of_the_number_of_jobs()
    {
        string one = Path.Combine(Path.GetTempPath(), "vaelab-grid-" + Guid.NewGuid().ToString("N"));
        string two = one + "-2";
        var runs = TinyGrid();
        long steps = 0;
        var first = GridRunner.Run(runs, one, 1, d => RunAnalysis.Analyze(d, Small), RunLayout.IsAnalysed, s => Interlocked.Add(ref steps, s));
        Assert.All(first, o => Assert.Equal("trained", o.Status));
        Assert.Equal(900, steps);
        Assert.All(first, o => Assert.Equal(Flops.Run(o.Run.Config), o.TrainedFlops));
        Assert.All(first, o => Assert.True(o.BusySeconds > 0));
        var parallel = GridRunner.Run(runs, two, 2, d => RunAnalysis.Analyze(d, Small), RunLayout.IsAnalysed, _ => { });
        foreach (var run in runs)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, run.RelativeDir, "metrics.csv")), File.ReadAllBytes(Path.Combine(two, run.RelativeDir, "metrics.csv")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, run.RelativeDir, "model.safetensors")), File.ReadAllBytes(Path.Combine(two, run.RelativeDir, "model.safetensors")));
        }

        // An interrupted run (a leftover .partial folder) restarts cleanly; finished ones are skipped.
        string victim = Path.Combine(one, runs[1].RelativeDir);
        Directory.Move(victim, victim + ".partial");
        File.Delete(Path.Combine(victim + ".partial", "summary.json"));
        var again = GridRunner.Run(runs, one, 2, d => RunAnalysis.Analyze(d, Small), RunLayout.IsAnalysed, _ => { });
        Assert.Equal(["skipped", "trained", "skipped"], again.Select(o => o.Status));
        Assert.Equal([0, Flops.Run(runs[1].Config), 0], again.Select(o => o.TrainedFlops));
        Assert.False(Directory.Exists(victim + ".partial"));

        var records = ReproduceReport.Load(again);
        string csv = ReproduceReport.ResultsCsv(records);
        var lines = csv.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("grid,configuration,dataSeed,seed,steps,", lines[0]);
        Assert.EndsWith("C1,C2,C3,C4,C5,C6,C7,C8,C9,C10,C11", lines[0].Trim());
        string md = ReproduceReport.Markdown(records, again, "quick", "vaelab reproduce", RunEnvironment.Current(2), 1);
        Assert.Contains("| C1 |", md);
        Assert.Contains("scatter.png", md);
        Assert.StartsWith("grid,configuration,dataSeed,seed,steps,outcome,containment,excess,", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches("^[a-z]+,[^,]+,[0-9]+,[0-9]+,[0-9]+,(collapsed|correct|strict-superset|wrong),", l));
        Assert.Contains("## What the paper claims and what we measured", md);
        Assert.Contains("## Outcomes of the runs", md);
        Assert.Contains("## Threshold sensitivity", md);
        Assert.Contains("## Where we disagree with the paper", md);
        // 300 steps leave no active latent: every tiny run is collapsed, shown as such and not counted.
        Assert.Contains("| C4 | decoder variance -> 0 (Dai & Wipf 1) | < 1e-3 | no trained run; 2 collapsed | no trained run; 1 collapsed |", md);
        ClaimsSection.WriteFigures(one, ReproduceReport.Judged(records));
        ReproduceReport.WriteTrajectoryFigures(one, records);
        Assert.True(File.Exists(Path.Combine(one, "figures", "outcomes-linear.png")));
        Assert.True(File.Exists(Path.Combine(one, "figures", "trajectories-linear.png")));
        Assert.True(File.Exists(Path.Combine(one, runs[0].RelativeDir, RunLayout.TruthFile)));
        Assert.True(File.Exists(Path.Combine(one, runs[1].RelativeDir, "figures", RunLayout.LocalRanksFigure)));
        Assert.True(File.Exists(Path.Combine(one, runs[1].RelativeDir, "figures", "scatter.png")));
    }

    [Fact]
    public void Paper_grids_have_the_papers_54_runs()
    {
        var paper = PaperGrids.All("paper", modelSeeds: 1);
        Assert.Equal(54, paper.Count);
        Assert.Equal(21, paper.Count(r => r.Grid == "linear"));
        Assert.All(paper.Where(r => r.Grid == "linear"), r => Assert.Equal((100_000, 1e-3, -1.0), (r.Config.Steps, r.Config.LearningRate, r.Config.InitialLogVariance)));
        Assert.All(paper.Where(r => r.Grid == "sigmoid"), r => Assert.Equal((DecoderKind.SigmoidAffine, 150_000, 1e-4), (r.Config.Decoder, r.Config.Steps, r.Config.LearningRate)));
        Assert.All(paper.Where(r => r.Grid == "sphere"), r => Assert.Equal([200, 200, 200], r.Config.DecoderHidden));
        Assert.Equal(paper.Count, paper.Select(r => r.RelativeDir).Distinct().Count());
        Assert.Throws<ConfigException>(() => PaperGrids.All("slow"));
    }

    [Fact]
    public void Profiles_change_only_steps_seeds_and_configurations()
    {
        var paper = PaperGrids.All("paper");
        var quick = PaperGrids.All("quick");
        Assert.Equal(108, paper.Count);
        Assert.Equal(paper.Count, paper.Select(r => r.RelativeDir).Distinct().Count());
        Assert.Equal(2, paper.Where(r => r.Grid == "linear" && r.Configuration == "D3-p9-m20" && r.Config.DataSeed == 2).Select(r => r.Config.Seed).Distinct().Count());
        foreach (var q in quick)
        {
            var p = paper.First(r => r.Grid == q.Grid && r.Configuration == q.Configuration);
            Assert.Equal((p.Config.LearningRate, p.Config.InitialLogVariance, p.Config.Decoder, p.Config.NoiseInLoss, p.Config.BatchSize),
                (q.Config.LearningRate, q.Config.InitialLogVariance, q.Config.Decoder, q.Config.NoiseInLoss, q.Config.BatchSize));
            Assert.Equal(p.Config.EncoderHidden.Concat(p.Config.DecoderHidden), q.Config.EncoderHidden.Concat(q.Config.DecoderHidden));
            Assert.Equal(p.Config.Steps, q.Config.Steps);
            // Every quick run is one of the paper profile's runs (same folder, same seeds); only stage 2 is shorter.
            var same = paper.Single(r => r.RelativeDir == q.RelativeDir);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(same.Config with { Stage2Steps = 0 }), System.Text.Json.JsonSerializer.Serialize(q.Config with { Stage2Steps = 0 }));
        }
        Assert.Equal((21, 36, 0), (quick.Count(r => r.Grid == "linear"), quick.Count(r => r.Grid == "sigmoid"), quick.Count(r => r.Grid == "sphere")));
        Assert.Equal(["sigmoid"], PaperGrids.All("quick", 3, ["sigmoid"]).Select(r => r.Grid).Distinct());
        Assert.Equal(54, PaperGrids.All("quick", 3, ["sigmoid"]).Count);
        Assert.Throws<ConfigException>(() => PaperGrids.All("quick", 0));
        Assert.Throws<ConfigException>(() => PaperGrids.All("quick", null, ["cube"]));
        Assert.Throws<ConfigException>(() => PaperGrids.All("quick", null, ["sphere"]));
    }
}

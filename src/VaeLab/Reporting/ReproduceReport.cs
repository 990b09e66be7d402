using System.Globalization;
using System.Text;
using VaeLab.Claims;
using VaeLab.Diagnostics;
using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>Writes results.csv (one row per run) and report.md (tables per grid, claims, figures) for `reproduce`.</summary>
public static class ReproduceReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Name, Func<RunRecord, double> Value)[] Metrics =
    [
        ("containment", r => r.Diagnostics.Outcome?.Containment ?? double.NaN),
        ("excess", r => r.Diagnostics.Outcome?.Excess ?? double.NaN),
        ("noiseFreeLoss", r => r.Diagnostics.Outcome?.Loss ?? double.NaN),
        ("isotropicGaussianLoss", r => r.Diagnostics.Outcome?.GaussianLoss ?? double.NaN),
        ("signalPower", r => r.Diagnostics.SignalPower),
        ("finalLoss", r => r.Summary.FinalLoss),
        ("decoderVariance", r => r.Diagnostics.DecoderVariance),
        ("decoderVarianceRatio", r => r.Diagnostics.DecoderVarianceRatio),
        ("activeLatents", r => r.Diagnostics.ActiveLatents),
        ("intrinsicDim", r => r.Diagnostics.IntrinsicDim),
        ("decoderRank", r => r.Diagnostics.DecoderRank),
        ("offManifoldRelative", r => r.Diagnostics.NoiseFree.RelativeToSignal),
        ("offManifoldPadding", r => r.Diagnostics.NoiseFree.Padding),
        ("offManifoldInBlock", r => r.Diagnostics.NoiseFree.InBlock),
        ("offManifoldRelativeWithNoise", r => r.Diagnostics.WithNoise.RelativeToSignal),
        ("covarianceRelativeError", r => r.Diagnostics.CovarianceRelativeError),
        ("wasserstein2", r => r.Diagnostics.Wasserstein2),
        ("maxPrincipalAngleDegrees", r => r.Diagnostics.PrincipalAnglesDegrees.Length > 0 ? r.Diagnostics.PrincipalAnglesDegrees.Max() : double.NaN),
        ("mmd2", r => r.Diagnostics.Mmd2),
        ("mmd2Reference99", r => r.Diagnostics.Mmd2Reference99),
        ("ksStatistic", r => r.Diagnostics.KsStatistic),
        ("authorsSigmoidError", r => r.Diagnostics.AuthorsSigmoidErrorGenerated),
        ("twoStageOffManifoldRelative", r => r.Diagnostics.TwoStage?.NoiseFree.RelativeToSignal ?? double.NaN),
        ("twoStageCovarianceRelativeError", r => r.Diagnostics.TwoStage?.CovarianceRelativeError ?? double.NaN),
        ("vanillaSampleCovarianceRelativeError", r => r.Diagnostics.TwoStage?.VanillaSampleCovarianceRelativeError ?? double.NaN),
        ("twoStageMmd2", r => r.Diagnostics.TwoStage?.Mmd2 ?? double.NaN),
        ("twoStageMeanOnlyOrNoiseMmd2", r => r.Diagnostics.TwoStage?.OtherSamplerMmd2 ?? double.NaN),
        ("twoStageMeanOnlyOrNoiseOffManifoldRelative", r => r.Diagnostics.TwoStage?.OtherSamplerNoiseFree.RelativeToSignal ?? double.NaN),
        ("twoStageKsStatistic", r => r.Diagnostics.TwoStage?.KsStatistic ?? double.NaN),
        ("stage2DecoderVariance", r => r.Diagnostics.TwoStage?.Stage2DecoderVariance ?? double.NaN),
    ];

    /// <summary>The metric columns of results.csv, in order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = Metrics.Select(m => m.Name).ToArray();

    /// <summary>The value of metric <paramref name="name"/> (one of <see cref="MetricNames"/>) for one run.</summary>
    public static double Metric(RunRecord record, string name) => Metrics.First(m => m.Name == name).Value(record);

    /// <summary>Loads the records of finished runs.</summary>
    public static IReadOnlyList<RunRecord> Load(IEnumerable<GridRunOutcome> outcomes) =>
        outcomes.Where(o => o.Status != "failed")
            .Select(o => new RunRecord(o.Run, o.Dir, RunFolder.ReadSummary(o.Dir), RunAnalysis.Read(o.Dir))).ToArray();

    /// <summary>The records as the claim tallies read them.</summary>
    public static IReadOnlyList<JudgedRun> Judged(IEnumerable<RunRecord> records) =>
        records.Select(r => new JudgedRun(r.Run.Grid, r.Run.Configuration, r.Run.Config.DataSeed, r.Run.Config.Seed, r.Diagnostics)).ToArray();

    /// <summary>results.csv: grid, configuration, dataSeed, seed, steps, outcome, every metric, then C1..C11. Deterministic:
    /// timings stay in the run folders (summary.json, timing.csv).</summary>
    public static string ResultsCsv(IReadOnlyList<RunRecord> records)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Core.Csv.Line(new[] { "grid", "configuration", "dataSeed", "seed", "steps", "outcome" }
            .Concat(Metrics.Select(m => m.Name)).Concat(ClaimRules.Definitions.Select(c => c.Id))));
        foreach (var r in records)
        {
            var cells = new List<string> { r.Run.Grid, r.Run.Configuration, r.Run.Config.DataSeed.ToString(Inv), r.Run.Config.Seed.ToString(Inv), r.Summary.Steps.ToString(Inv),
                r.Diagnostics.Outcome?.Outcome?.Name() ?? "" };
            cells.AddRange(Metrics.Select(m => m.Value(r).ToString("R", Inv)));
            cells.AddRange(ClaimRules.Definitions.Select(c => r.Diagnostics.Claims.FirstOrDefault(v => v.Id == c.Id)?.Status ?? ClaimRules.NotApplicable));
            sb.AppendLine(Core.Csv.Line(cells));
        }
        return sb.ToString();
    }

    /// <summary>The Markdown report.</summary>
    public static string Markdown(IReadOnlyList<RunRecord> records, IReadOnlyList<GridRunOutcome> outcomes, string profile, string command,
        RunEnvironment env, double wallSeconds, int? modelSeeds = null, IReadOnlyList<ClaimVerdict>? extraClaims = null, string? extraSections = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# VaeLab: the paper, rerun claim by claim\n");
        sb.AppendLine($"Koehler, Mehta, Zhou & Risteski, *VAEs in the presence of low-dimensional data* (ICLR 2022), and Dai & Wipf's claims, rerun with VaeLab {env.Version}.\n");
        sb.AppendLine($"- command: `{command}`");
        sb.AppendLine($"- profile: {PaperGrids.Describe(profile, modelSeeds)}");
        sb.AppendLine($"- machine: {env.Cpu}, {env.LogicalCores} logical cores, SIMD {env.SimdWidthBits} bit, {env.Os}, {env.Runtime}; {env.Threads} parallel runs");
        sb.AppendLine($"- runs: {records.Count} finished, {outcomes.Count(o => o.Status == "failed")} failed; training time summed over runs {records.Sum(r => r.Summary.WallSeconds):F0} s; this invocation {wallSeconds:F0} s ({outcomes.Count(o => o.Status == "skipped")} runs were already finished)");
        sb.AppendLine("- every number below comes from a run folder `runs/GRID/CONFIG-dsSEED/` (-msSEED for extra model seeds; summary.json, diagnostics.json, truth.json); `results.csv` has one row per run.\n");

        sb.AppendLine(ClaimsSection.Markdown(Judged(records), extraClaims));
        foreach (string grid in new[] { "linear", "sigmoid", "sphere" })
        {
            var rows = records.Where(r => r.Run.Grid == grid).ToArray();
            if (rows.Length == 0) continue;
            sb.AppendLine(GridSection(grid, rows));
        }
        if (extraSections != null) sb.AppendLine(extraSections);
        var failed = outcomes.Where(o => o.Status == "failed").ToArray();
        if (failed.Length > 0)
        {
            sb.AppendLine("## Failed runs\n");
            foreach (var f in failed) sb.AppendLine($"- `{f.Run.RelativeDir}`: {f.Error}");
        }
        return sb.ToString();
    }

    private static string GridSection(string grid, RunRecord[] rows)
    {
        var sb = new StringBuilder();
        bool linear = grid == "linear";
        sb.AppendLine($"## {char.ToUpperInvariant(grid[0])}{grid[1..]} grid\n");
        sb.AppendLine("Mean ± sd over seeds (collapsed runs included; the outcomes column counts them). σ²: final decoder variance. rank: decoder rank" + (linear ? "" : " (median local rank of the Jacobian at 1,000 latent points)") +
            ". off-manifold: noise-free mean squared distance / E‖x‖².\n");
        sb.AppendLine(linear
            ? "| configuration | outcomes | r | σ² | active | rank | off-manifold | cov. error | W2 | max angle (°) | µs/step |\n|---|---|---|---|---|---|---|---|---|---|---|"
            : "| configuration | outcomes | r | σ² | active | rank | off-manifold | MMD² | MMD² ref. 99% | " + (grid == "sigmoid" ? "KS | " : "") + "µs/step |\n|---|---|---|---|---|---|---|---|---|---|" + (grid == "sigmoid" ? "---|" : ""));
        foreach (var g in rows.GroupBy(r => r.Run.Configuration))
        {
            var cells = new List<string> { g.Key, Outcomes(g), g.First().Diagnostics.IntrinsicDim.ToString(Inv), S(g, r => r.Diagnostics.DecoderVariance), S(g, r => r.Diagnostics.ActiveLatents), S(g, r => r.Diagnostics.DecoderRank), S(g, r => r.Diagnostics.NoiseFree.RelativeToSignal) };
            if (linear) cells.AddRange([S(g, r => r.Diagnostics.CovarianceRelativeError), S(g, r => r.Diagnostics.Wasserstein2), S(g, r => r.Diagnostics.PrincipalAnglesDegrees.Max())]);
            else
            {
                cells.AddRange([S(g, r => r.Diagnostics.Mmd2), S(g, r => r.Diagnostics.Mmd2Reference99)]);
                if (grid == "sigmoid") cells.Add(S(g, r => r.Diagnostics.KsStatistic));
            }
            cells.Add(S(g, r => r.Summary.MicrosecondsPerStep));
            sb.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        sb.AppendLine();
        sb.AppendLine(TrajectoryNote(grid, rows));
        if (rows.Any(r => r.Diagnostics.TwoStage != null)) sb.AppendLine(TwoStageTable(grid, rows));
        if (grid == "sigmoid")
        {
            sb.AppendLine("The authors' sigmoid metric (x[d] − ⟨a*, x[:d]⟩)², which omits the sigmoid, labelled as theirs: on generated samples " +
                $"{S(rows, r => r.Diagnostics.AuthorsSigmoidErrorGenerated)}; on true samples {S(rows, r => r.Diagnostics.AuthorsSigmoidErrorTrue)} (far from 0 even on true data).\n");
            sb.AppendLine("The poster's scatter, one pair per configuration (first data seed): vanilla VAE left, two-stage VAE right; x-axis ⟨a*, x[:d]⟩, y-axis x[d]; true samples orange, generated blue.\n");
            foreach (var g in rows.GroupBy(r => r.Run.Configuration))
                sb.AppendLine($"![{g.Key} vanilla]({Rel(g.First(), RunLayout.ScatterFigure)}) " + (g.First().Diagnostics.TwoStage != null ? $"![{g.Key} two-stage]({Rel(g.First(), RunLayout.ScatterTwoStageFigure)})" : ""));
            sb.AppendLine();
        }
        else if (grid == "sphere")
        {
            sb.AppendLine(PaperGrids.SphereSeedNote + "\n");
            sb.AppendLine("First two coordinates, one pair per configuration (first data seed): vanilla VAE left, two-stage VAE right; true samples orange, generated blue.\n");
            foreach (var g in rows.GroupBy(r => r.Run.Configuration))
                sb.AppendLine($"![{g.Key} vanilla]({Rel(g.First(), RunLayout.ProjectionFigure)}) " + (g.First().Diagnostics.TwoStage != null ? $"![{g.Key} two-stage]({Rel(g.First(), RunLayout.ProjectionTwoStageFigure)})" : ""));
            sb.AppendLine($"\n![norm histogram]({Rel(rows[0], RunLayout.NormHistogramFigure)})\n");
        }
        else
        {
            var first = rows[0];
            sb.AppendLine($"What C1 measured, for `{first.Run.RelativeDir}`: decoder singular values {string.Join(", ", first.Diagnostics.DecoderSingularValues.Select(ClaimRules.G))}; rank {first.Diagnostics.DecoderRank} at threshold {first.Diagnostics.RankThreshold} x largest; r = {first.Diagnostics.IntrinsicDim}.\n");
            sb.AppendLine($"![decoder spectrum]({Rel(first, RunLayout.DecoderSpectrumFigure)}) ![encoder variances]({Rel(first, RunLayout.EncoderVariancesFigure)})\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes figures/trajectories-GRID.png: the excess (linear: covariance error) of every run of a grid over training.</summary>
    public static void WriteTrajectoryFigures(string outDir, IReadOnlyList<RunRecord> records)
    {
        foreach (var g in records.GroupBy(r => r.Run.Grid))
        {
            var runs = g.Select(r => (Path.GetFileName(r.Dir), TrajectoryFigures.Read(r.Dir))).Where(t => t.Item2.Count > 1).ToArray();
            if (runs.Length == 0) continue;
            bool linear = g.Key == "linear";
            Directory.CreateDirectory(Path.Combine(outDir, ClaimsSection.FiguresFolder));
            TrajectoryFigures.Grid(Path.Combine(outDir, ClaimsSection.FiguresFolder, $"trajectories-{g.Key}.png"), $"{g.Key}: {(linear ? "covariance error" : "excess e")} during training",
                linear ? "covariance error" : "excess e", runs, linear ? r => r.CovarianceError : r => r.Excess);
        }
    }

    // Whether the end-of-training measurements were still moving (trajectory.csv): for C3, the covariance error.
    private static string TrajectoryNote(string grid, RunRecord[] rows)
    {
        var trajectories = rows.Select(r => TrajectoryFigures.Read(r.Dir)).Where(t => t.Count > 2).ToArray();
        if (trajectories.Length == 0) return "";
        bool linear = grid == "linear";
        int falling = trajectories.Count(t => Theory.DensityFlow.StillFalling(t.Select(x => linear ? x.CovarianceError : x.Excess).ToArray()));
        string what = linear ? "the covariance error (C3)" : "the excess e";
        return $"Trajectories (trajectory.csv, every checkpoint): {what} was still falling over the last fifth of training (by more than 1%) in {falling} of " +
            $"{trajectories.Length} runs{(linear && falling > 0 ? "; for those runs C3's end-of-training verdict is not the optimum's (see the theory section for the flow's answer)" : "")}.\n\n" +
            $"![{grid} trajectories]({ClaimsSection.FiguresFolder}/trajectories-{grid}.png)\n";
    }

    // "2 superset, 1 collapsed" for the runs of one configuration.
    private static string Outcomes(IEnumerable<RunRecord> rows) => string.Join(", ", rows.Where(r => r.Diagnostics.Outcome?.Outcome != null)
        .GroupBy(r => r.Diagnostics.Outcome!.Outcome!.Value).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}"));

    private static string TwoStageTable(string grid, RunRecord[] rows)
    {
        var sb = new StringBuilder();
        bool linear = grid == "linear";
        bool noise = rows.First(r => r.Diagnostics.TwoStage != null).Diagnostics.TwoStage!.SampleNoise;
        string sampler = noise ? "Dai & Wipf's sampler, u -> z = g(u) + γ ε -> x = f(z)" : "the stage-2 mean only, u -> z = g(u) -> x = f(z)";
        string other = noise ? "mean-only sampler" : "with noise in z";
        sb.AppendLine($"Density, vanilla against two-stage (Dai & Wipf), mean ± sd over seeds; two-stage samples drawn with {sampler}, the {other} beside it. " +
            (linear ? "Relative error of the projected sample covariance against A Aᵀ." : "MMD² against true samples on the manifold, each comparison with its own median-distance bandwidth.") +
            " Off-manifold: noise-free, relative.\n");
        sb.AppendLine($"| configuration | vanilla density | two-stage density | two-stage density ({other}) | vanilla off-manifold | two-stage off-manifold | two-stage off-manifold ({other}) | stage-2 σ² |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var g in rows.Where(r => r.Diagnostics.TwoStage != null).GroupBy(r => r.Run.Configuration))
        {
            string vanilla = linear ? S(g, r => r.Diagnostics.TwoStage!.VanillaSampleCovarianceRelativeError) : S(g, r => r.Diagnostics.Mmd2);
            string two = linear ? S(g, r => r.Diagnostics.TwoStage!.CovarianceRelativeError) : S(g, r => r.Diagnostics.TwoStage!.Mmd2);
            string twoOther = linear ? S(g, r => r.Diagnostics.TwoStage!.OtherSamplerCovarianceRelativeError) : S(g, r => r.Diagnostics.TwoStage!.OtherSamplerMmd2);
            sb.AppendLine($"| {g.Key} | {vanilla} | {two} | {twoOther} | {S(g, r => r.Diagnostics.NoiseFree.RelativeToSignal)} | {S(g, r => r.Diagnostics.TwoStage!.NoiseFree.RelativeToSignal)} | " +
                $"{S(g, r => r.Diagnostics.TwoStage!.OtherSamplerNoiseFree.RelativeToSignal)} | {S(g, r => r.Diagnostics.TwoStage!.Stage2DecoderVariance)} |");
        }
        return sb.ToString();
    }

    private static string Rel(RunRecord r, string figure) => $"{r.Run.RelativeDir.Replace('\\', '/')}/{RunLayout.FiguresFolder}/{figure}";

    private static string S(IEnumerable<RunRecord> rows, Func<RunRecord, double> f)
    {
        var v = rows.Select(f).Where(double.IsFinite).ToArray();
        if (v.Length == 0) return "–";
        double mean = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return $"{ClaimRules.G(mean)} ± {ClaimRules.G(sd)}";
    }
}

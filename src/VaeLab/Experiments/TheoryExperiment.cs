using MathNet.Numerics.LinearAlgebra;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Theory;
using VaeLab.Training;

namespace VaeLab.Experiments;

/// <summary>Settings of `vaelab theory linear`.</summary>
/// <param name="Intrinsic">r = k, the columns of A.</param>
/// <param name="Ambient">n.</param>
/// <param name="Latent">m.</param>
/// <param name="DataDim">D, rows of A (0 means D = r); the rest of n is padding.</param>
/// <param name="FlowSteps">Euler steps of the gradient flow.</param>
/// <param name="FlowStepSize">h in the step h · min(1, σ²).</param>
/// <param name="AdamSteps">steps of the Monte Carlo trainer with Adam from the same starts.</param>
/// <param name="StartLogVariance">η at both starts.</param>
/// <param name="SupersetExtra">s, extra directions of the superset start.</param>
public sealed record TheorySettings(int Intrinsic = 3, int Ambient = 12, int Latent = 20, int DataDim = 0, ulong DataSeed = 2, ulong Seed = 0,
    bool NoiseInLoss = true, long FlowSteps = 20_000, double FlowStepSize = 1e-2, int AdamSteps = 20_000, double LearningRate = 1e-3,
    double StartLogVariance = -2, int SupersetExtra = 2)
{
    public int BlockDim => DataDim == 0 ? Intrinsic : DataDim;

    public void Validate()
    {
        if (Intrinsic < 1) throw new ConfigException($"--intrinsic must be >= 1 (got {Intrinsic}).");
        if (DataDim < 0) throw new ConfigException($"--data-dim must be >= 0 (got {DataDim}).");
        if (BlockDim < Intrinsic) throw new ConfigException($"--data-dim must be >= --intrinsic {Intrinsic} (got {DataDim}).");
        if (Ambient < BlockDim + 3) throw new ConfigException($"--ambient must be >= D + 3 = {BlockDim + 3} so that 2 extra directions exist with room to spare (got {Ambient}).");
        if (Latent < Intrinsic + SupersetExtra) throw new ConfigException($"--latent must be >= r + {SupersetExtra} = {Intrinsic + SupersetExtra} (got {Latent}).");
        if (Ambient > 200 || Latent > 200) throw new ConfigException($"--ambient and --latent must be <= 200 for the closed-form theory (got {Ambient}, {Latent}).");
        if (FlowSteps < 1 || AdamSteps < 0) throw new ConfigException($"--flow-steps must be >= 1 and --adam-steps >= 0 (got {FlowSteps}, {AdamSteps}).");
    }
}

/// <summary>The loss along the superset construction for one s.</summary>
public sealed record SupersetRow(int Extra, double[] Losses, double FittedSlope, double PredictedSlope, double OffSubspaceEnergy, double OffSubspaceSampled);

/// <summary>Everything `vaelab theory linear` computes.</summary>
public sealed record TheoryResult(TheorySettings Settings, int Rank, double[] Sigma2Grid, SupersetRow[] Superset,
    IReadOnlyDictionary<string, IReadOnlyList<FlowSnapshot>> Trajectories, ClaimVerdict C10, ClaimVerdict C11)
{
    /// <summary>C3 in closed form: the generated covariance error ‖W Wᵀ − S‖_F / ‖S‖_F along the gradient flow from the random start.</summary>
    public IReadOnlyList<DensityFlowPoint> Density { get; init; } = [];
}

/// <summary>Runs the linear theory: superset optima (C10) and gradient flow vs Adam from a random and a superset start (C11).</summary>
public static class TheoryExperiment
{
    public const string FlowRandom = "gradient flow, random start", FlowSuperset = "gradient flow, superset start";
    public const string AdamRandom = "Adam (Monte Carlo), random start", AdamSuperset = "Adam (Monte Carlo), superset start";

    public static TheoryResult Run(TheorySettings t, Action<string>? status = null)
    {
        t.Validate();
        var family = new LinearFamily(t.BlockDim, t.Intrinsic, t.Ambient - t.BlockDim, t.DataSeed);
        int n = t.Ambient, r = family.IntrinsicDim;
        var s = Matrix<double>.Build.Dense(n, n);
        s.SetSubMatrix(0, 0, family.Covariance);
        var projector = Matrix<double>.Build.Dense(n, n);
        projector.SetSubMatrix(0, 0, family.Projector);
        var loss = new LinearVaeLoss(s, t.NoiseInLoss);

        status?.Invoke("superset construction");
        var grid = Enumerable.Range(0, 33).Select(i => Math.Pow(10, -i / 4.0)).ToArray();
        var rows = new List<SupersetRow>();
        for (int extra = 0; extra <= 2; extra++)
        {
            var losses = grid.Select(v => loss.Loss(SupersetConstruction.Build(s, t.Latent, extra, Math.Log(v)))).ToArray();
            var tail = Enumerable.Range(0, grid.Length).Where(i => grid[i] <= 1e-3).ToArray();
            double slope = MathNet.Numerics.Fit.Line(tail.Select(i => Math.Log(1 / grid[i])).ToArray(), tail.Select(i => losses[i]).ToArray()).B;
            var p = SupersetConstruction.Build(s, t.Latent, extra, Math.Log(1e-4));
            rows.Add(new SupersetRow(extra, losses, slope, -(n - r - extra) / 2.0, SupersetConstruction.OffSubspaceEnergy(p.W, projector), SampledOffSubspace(p, projector, t.Seed)));
        }

        var random = GradientFlow.RandomStart(n, t.Latent, t.StartLogVariance, 0.1, RngStreams.Create(t.Seed, "theory-start"));
        var superset = SupersetConstruction.Build(s, t.Latent, t.SupersetExtra, t.StartLogVariance);
        var trajectories = new Dictionary<string, IReadOnlyList<FlowSnapshot>>();
        int record = (int)Math.Max(1, t.FlowSteps / 200);
        status?.Invoke("gradient flow");
        var density = new List<DensityFlowPoint>();
        trajectories[FlowRandom] = GradientFlow.Run(loss, random, projector, t.FlowSteps, t.FlowStepSize, record,
            (step, p) => density.Add(new DensityFlowPoint(step, double.NaN, p.Eta, DensityFlow.CovarianceError(p.W, s), loss.Loss(p))));
        trajectories[FlowSuperset] = GradientFlow.Run(loss, superset, projector, t.FlowSteps, t.FlowStepSize, record);
        if (t.AdamSteps > 0)
        {
            status?.Invoke("Adam");
            trajectories[AdamRandom] = Adam(t, family, loss, random, projector);
            trajectories[AdamSuperset] = Adam(t, family, loss, superset, projector);
        }
        return new TheoryResult(t, r, grid, rows.ToArray(), trajectories, JudgeC10(rows), JudgeC11(trajectories, r)) { Density = density };
    }

    private static double SampledOffSubspace(LinearVaeParameters p, Matrix<double> projector, ulong seed)
    {
        var rng = RngStreams.Create(seed, "theory-samples");
        var latent = Matrix<double>.Build.Dense(p.Latent, 10_000, (_, _) => rng.NextNormal());
        var off = (Matrix<double>.Build.DenseIdentity(p.Ambient) - projector) * (p.W * latent);
        return off.FrobeniusNorm() * off.FrobeniusNorm() / 10_000;
    }

    private static IReadOnlyList<FlowSnapshot> Adam(TheorySettings t, LinearFamily family, LinearVaeLoss loss, LinearVaeParameters start, Matrix<double> projector)
    {
        var arch = new VaeArchitecture(t.Ambient, t.Latent, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Direct, (float)t.StartLogVariance, t.NoiseInLoss);
        var model = new Vae(arch, 100, RngStreams.Create(t.Seed, "init"));
        LinearVaeMapping.ToModel(start, model);
        var trainer = new Trainer(model, family, new TrainingOptions(100, (float)t.LearningRate, "adam", 0, t.Seed, 0.05));
        int record = Math.Max(1, t.AdamSteps / 200);
        var snapshots = new List<FlowSnapshot> { GradientFlow.Snapshot(0, LinearVaeMapping.FromModel(model), loss, projector) };
        for (int step = 1; step <= t.AdamSteps; step++)
        {
            trainer.TrainStep();
            if (step % record == 0 || step == t.AdamSteps) snapshots.Add(GradientFlow.Snapshot(step, LinearVaeMapping.FromModel(model), loss, projector));
        }
        return snapshots;
    }

    private static ClaimVerdict JudgeC10(IReadOnlyList<SupersetRow> rows)
    {
        bool holds = rows.All(x => Math.Abs(x.FittedSlope - x.PredictedSlope) <= 0.02 * Math.Abs(x.PredictedSlope) && x.PredictedSlope < 0)
            && rows.Where(x => x.Extra > 0).All(x => x.OffSubspaceEnergy > 0.1);
        string text = string.Join("; ", rows.Select(x => $"s = {x.Extra}: slope {ClaimRules.G(x.FittedSlope)} (predicted {ClaimRules.G(x.PredictedSlope)}), off-subspace energy {ClaimRules.G(x.OffSubspaceEnergy)}"));
        return new ClaimVerdict("C10", holds ? ClaimRules.Holds : ClaimRules.Fails, text, "fitted slope within 2% of -(n - r - s)/2 < 0, and s > 0 samples leave the subspace");
    }

    private static ClaimVerdict JudgeC11(IReadOnlyDictionary<string, IReadOnlyList<FlowSnapshot>> paths, int r)
    {
        string Describe(string key)
        {
            var p = paths[key];
            double start = p[0].SingularValues[r] / p[0].SingularValues[0], end = p[^1].SingularValues[r] / p[^1].SingularValues[0];
            return $"{key}: σ_{r + 1}/σ_1 {ClaimRules.G(start)} -> {ClaimRules.G(end)}, off-subspace ‖(I-P)W‖ {ClaimRules.G(p[0].OffSubspaceNorm)} -> {ClaimRules.G(p[^1].OffSubspaceNorm)}";
        }
        var flow = paths[FlowSuperset];
        double first = flow[0].SingularValues[r] / flow[0].SingularValues[0], last = flow[^1].SingularValues[r] / flow[^1].SingularValues[0];
        bool holds = last < 1e-2 && last < 0.1 * first;
        string text = string.Join("; ", paths.Keys.Select(Describe));
        return new ClaimVerdict("C11", holds ? ClaimRules.Holds : ClaimRules.Fails, text, "from the superset start, σ_{r+1}/σ_1 ends < 1e-2 and falls 10x");
    }
}

using MathNet.Numerics.LinearAlgebra;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Theory;

/// <summary>Runs the linear theory: superset optima (C10) and gradient flow vs Adam from a random and a superset start (C11).</summary>
public static class TheoryExperiment
{
    /// <summary>Keys of the gradient-flow trajectories in <see cref="TheoryResult.Trajectories"/>.</summary>
    public const string FlowRandom = "gradient flow, random start", FlowSuperset = "gradient flow, superset start";
    /// <summary>Keys of the Monte Carlo Adam trajectories in <see cref="TheoryResult.Trajectories"/>.</summary>
    public const string AdamRandom = "Adam (Monte Carlo), random start", AdamSuperset = "Adam (Monte Carlo), superset start";

    /// <summary>Runs the superset table (C10) and the four trajectories (C11); <paramref name="status"/> hears what is being computed.</summary>
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
        return new TheoryResult(t, r, grid, rows.ToArray(), trajectories) { Density = density };
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
        var trainer = new Trainer(model, family, new TrainingOptions(100, (float)t.LearningRate, OptimizerKind.Adam, 0, t.Seed, 0.05));
        int record = Math.Max(1, t.AdamSteps / 200);
        var snapshots = new List<FlowSnapshot> { GradientFlow.Snapshot(0, LinearVaeMapping.FromModel(model), loss, projector) };
        for (int step = 1; step <= t.AdamSteps; step++)
        {
            trainer.TrainStep();
            if (step % record == 0 || step == t.AdamSteps) snapshots.Add(GradientFlow.Snapshot(step, LinearVaeMapping.FromModel(model), loss, projector));
        }
        return snapshots;
    }
}

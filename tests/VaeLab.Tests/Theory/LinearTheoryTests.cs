using MathNet.Numerics.LinearAlgebra;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Theory;
using VaeLab.Training;

namespace VaeLab.Tests.Theory;

public class LinearTheoryTests
{
    private static Matrix<double> PaddedCovariance(LinearFamily f)
    {
        var s = Matrix<double>.Build.Dense(f.AmbientDim, f.AmbientDim);
        s.SetSubMatrix(0, 0, f.Covariance);
        return s;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Closed_form_matches_the_trainers_Monte_Carlo_loss_at_100000_samples(bool noise)
    {
        var family = new LinearFamily(3, 3, 4, 2);
        var arch = new VaeArchitecture(7, 5, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Direct, -0.5f, noise);
        var model = new Vae(arch, 1000, new Xoshiro256StarStar(3));
        var rng = new Xoshiro256StarStar(4);
        for (int i = 0; i < model.Parameters.Count; i++) model.Parameters.Values[i] += (float)(0.2 * rng.NextNormal());
        var (mc, se) = LossEstimator.Estimate(model, family, 100_000, 5);
        double exact = new LinearVaeLoss(PaddedCovariance(family), noise).Loss(LinearVaeMapping.FromModel(model));
        Assert.True(Math.Abs(mc.Loss - exact) < 4 * se, $"Monte Carlo {mc.Loss} ± {se}, closed form {exact}");
    }

    [Fact]
    public void Analytic_gradient_matches_finite_differences()
    {
        var family = new LinearFamily(4, 2, 3, 7);
        var loss = new LinearVaeLoss(PaddedCovariance(family), true);
        var rng = new Xoshiro256StarStar(8);
        var p = GradientFlow.RandomStart(7, 4, -0.7, 0.5, rng);
        p = p with { Bias = Vector<double>.Build.Dense(4, _ => rng.NextNormal()), C = Vector<double>.Build.Dense(7, _ => rng.NextNormal()), L = Vector<double>.Build.Dense(4, _ => rng.NextNormal()) };
        double[] g = loss.Gradient(p).Flatten(), x = p.Flatten();
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-6, saved = x[i];
            x[i] = saved + h; double plus = loss.Loss(p.Unflatten(x));
            x[i] = saved - h; double minus = loss.Loss(p.Unflatten(x));
            x[i] = saved;
            double fd = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(fd - g[i]) < 1e-5 * (1 + Math.Abs(fd)), $"entry {i}: analytic {g[i]}, fd {fd}");
        }
    }

    [Fact]
    public void Optimal_encoder_variance_minimises_the_loss_at_fixed_weights()
    {
        var family = new LinearFamily(3, 3, 2, 4);
        var loss = new LinearVaeLoss(PaddedCovariance(family), true);
        var p = GradientFlow.RandomStart(5, 4, -1.3, 0.8, new Xoshiro256StarStar(9));
        p = p with { L = LinearVaeLoss.OptimalLogVariance(p.W, p.Eta) };
        Assert.True(loss.Gradient(p).L.AbsoluteMaximum() < 1e-10);
        double best = loss.Loss(p);
        for (int j = 0; j < 4; j++)
            foreach (double delta in new[] { -0.1, 0.1 })
            {
                var l = p.L.Clone();
                l[j] += delta;
                Assert.True(loss.Loss(p with { L = l }) > best);
            }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Superset_optima_fall_with_slope_minus_n_minus_r_minus_s_over_2_and_leave_the_subspace(int extra)
    {
        var family = new LinearFamily(3, 3, 9, 2);
        var s = PaddedCovariance(family);
        var loss = new LinearVaeLoss(s, true);
        double[] logInv = [12, 14, 16, 18];
        var values = logInv.Select(x => loss.Loss(SupersetConstruction.Build(s, 20, extra, -x))).ToArray();
        double slope = (values[^1] - values[0]) / (logInv[^1] - logInv[0]);
        Assert.Equal(-(12 - 3 - extra) / 2.0, slope, 3);
        var p = SupersetConstruction.Build(s, 20, extra, -10);
        var projector = Matrix<double>.Build.Dense(12, 12);
        projector.SetSubMatrix(0, 0, family.Projector);
        Assert.Equal(extra, SupersetConstruction.OffSubspaceEnergy(p.W, projector), 6);
        // B_j = 0 for the extra latents: they carry no information about x.
        for (int j = 3; j < 3 + extra; j++) Assert.True(p.B.Row(j).L2Norm() < 1e-12);
    }

    [Fact]
    public void Mapping_round_trips_through_the_float_model()
    {
        var arch = new VaeArchitecture(6, 4, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1f, true);
        var model = new Vae(arch, 10, new Xoshiro256StarStar(1));
        var p = LinearVaeMapping.FromModel(model) with { Eta = -2.5 };
        LinearVaeMapping.ToModel(p, model);
        var q = LinearVaeMapping.FromModel(model);
        Assert.Equal(-2.5, q.Eta, 5);
        Assert.True((p.W - q.W).FrobeniusNorm() < 1e-6 && (p.B - q.B).FrobeniusNorm() < 1e-6);
    }

    [Fact]
    public void Gradient_flow_decreases_the_loss()
    {
        var family = new LinearFamily(3, 3, 4, 2);
        var s = PaddedCovariance(family);
        var loss = new LinearVaeLoss(s, true);
        var start = GradientFlow.RandomStart(7, 5, -1, 0.1, new Xoshiro256StarStar(2));
        var projector = Matrix<double>.Build.Dense(7, 7);
        projector.SetSubMatrix(0, 0, family.Projector);
        var path = GradientFlow.Run(loss, start, projector, 2000, 1e-2, 500);
        Assert.Equal(5, path.Count);
        for (int i = 1; i < path.Count; i++) Assert.True(path[i].Loss < path[i - 1].Loss);
    }
}

using MathNet.Numerics.LinearAlgebra;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Tests.Diagnostics;

public class DiagnosticsTests
{
    [Theory]
    [InlineData("linear")]
    [InlineData("sigmoid")]
    [InlineData("sphere")]
    public void True_samples_have_zero_off_manifold_error(string name)
    {
        var family = DataFamilyFactory.Create(KindNames.Parse<DataFamilyKind>(name), 4, 2, 5, 3, 0f);
        var x = new float[5000 * family.AmbientDim];
        family.Sample(x, 5000, RngStreams.Normal(1, "t"));
        var e = Analyzer.OffManifold(family, x, Analyzer.MeanSquaredNorm(x, family.AmbientDim));
        Assert.Equal(0, e.Padding);
        Assert.True(e.RelativeToSignal < 1e-10, $"{e}");
    }

    [Fact]
    public void Mmd_of_independent_true_samples_is_in_the_band_and_a_shifted_sample_is_not()
    {
        var family = new SphereFamily(3, 0);
        float[] Draw(ulong seed) { var x = new float[800 * 3]; family.Sample(x, 800, RngStreams.Normal(seed, "m")); return x; }
        var a = Draw(1);
        var b = Draw(2);
        double h = Mmd.MedianBandwidth(a, b, 3);
        double same = Mmd.Squared(a, b, 3, h);
        Assert.InRange(same, -0.005, 0.005);
        var shifted = Draw(3).Select((v, i) => i % 3 == 0 ? v + 0.5f : v).ToArray();
        Assert.True(Mmd.Squared(a, shifted, 3, h) > 20 * Math.Abs(same) + 0.01);
    }

    [Fact]
    public void A_decoder_built_with_rank_4_reports_rank_4()
    {
        const int n = 10, m = 7;
        var arch = new VaeArchitecture(n, m, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1, true);
        var model = new Vae(arch, 10, new Xoshiro256StarStar(1));
        var w = model.Parameters.Value(((MlpDecoder)model.Decoder).Network.Layers[0].Weight);
        var rng = new Xoshiro256StarStar(2);
        var left = Matrix<double>.Build.Dense(m, 4, (_, _) => rng.NextNormal());
        var right = Matrix<double>.Build.Dense(4, n, (_, _) => rng.NextNormal());
        var product = left * right;
        for (int k = 0; k < m; k++)
            for (int i = 0; i < n; i++) w[k * n + i] = (float)product[k, i];
        var j = Analyzer.AffineWeights(model)!;
        var s = LinearAlgebra.SingularValues(j);
        Assert.Equal(4, LinearAlgebra.Rank(s, 1e-2));
        Assert.True(s[4] < 1e-5 * s[0]);
        // The Jacobian by reverse mode agrees with the weights for an affine decoder.
        var points = DecoderJacobian.At(model, new float[10 * m], 3);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < m; k++) Assert.Equal(j[i, k], points[2][i * m + k], 4);
    }

    [Fact]
    public void Wasserstein_between_identical_gaussians_is_zero_and_matches_the_1d_formula()
    {
        var rng = new Xoshiro256StarStar(5);
        var l = Matrix<double>.Build.Dense(4, 4, (_, _) => rng.NextNormal());
        var s = l * l.Transpose();
        var mean = Vector<double>.Build.Dense(4, i => i);
        Assert.Equal(0, LinearAlgebra.Wasserstein2(mean, s, mean, s), 5);
        // 1-D: W2(N(0, a^2), N(1, b^2)) = sqrt(1 + (a - b)^2).
        var a = Matrix<double>.Build.Dense(1, 1, 4.0);
        var b = Matrix<double>.Build.Dense(1, 1, 1.0);
        Assert.Equal(Math.Sqrt(1 + 1), LinearAlgebra.Wasserstein2(Vector<double>.Build.Dense(1), a, Vector<double>.Build.Dense(1, 1.0), b), 10);
    }

    [Fact]
    public void Principal_angles_of_a_rotation_by_30_degrees()
    {
        var u = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { 0 }, { 0 } });
        var v = Matrix<double>.Build.DenseOfArray(new double[,] { { Math.Cos(Math.PI / 6) }, { Math.Sin(Math.PI / 6) }, { 0 } });
        Assert.Equal(30, LinearAlgebra.PrincipalAnglesDegrees(u, v)[0], 8);
    }

    [Fact]
    public void KS_is_small_for_normal_samples_and_large_for_shifted_ones()
    {
        var sampler = RngStreams.Normal(1, "ks");
        var x = new float[20_000];
        sampler.Fill(x);
        Assert.True(KolmogorovSmirnov.AgainstStandardNormal(x.Select(v => (double)v).ToArray()) < 0.0115);
        Assert.True(KolmogorovSmirnov.AgainstStandardNormal(x.Select(v => v + 0.2).ToArray()) > 0.06);
    }

    [Fact]
    public void Analyzer_on_the_true_linear_generator_reports_the_true_density()
    {
        // A decoder f(s) = A s (padded) with k = m = 3 is the true generator: covariance error 0, W2 0, angles 0.
        var family = new LinearFamily(3, 3, 4, 2);
        var arch = new VaeArchitecture(7, 3, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1, true);
        var model = new Vae(arch, 1000, new Xoshiro256StarStar(1));
        var w = model.Parameters.Value(((MlpDecoder)model.Decoder).Network.Layers[0].Weight);
        w.Clear();
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 3; i++) w[k * 7 + i] = (float)family.A[i, k];
        // A trained-looking rest: encoder μ = A⁻¹ x[:3], σ² = e^-5, encoder variances near the optimum σ² / (σ² + ‖w‖²).
        var inverse = family.A.Inverse();
        var encoder = model.Parameters.Value(model.Encoder.MeanHead.Weight);
        encoder.Clear();
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++) encoder[i * 3 + k] = (float)inverse[k, i];
        SetVariances(model, 5.0);
        var d = ClaimRules.Judge(Analyzer.Analyze(model, family, [1e-4, 1e-4, 1e-4], 0.05, new AnalysisOptions(Samples: 2000)));
        Assert.Equal(3, d.DecoderRank);
        Assert.True(d.CovarianceRelativeError < 1e-5, $"{d.CovarianceRelativeError}");
        Assert.True(d.Wasserstein2 < 1e-3, $"{d.Wasserstein2}");
        Assert.True(d.PrincipalAnglesDegrees.Max() < 0.01);
        Assert.True(d.NoiseFree.RelativeToSignal < 1e-10);
        var c = d.Claims.ToDictionary(v => v.Id, v => v.Status);
        Assert.Equal(ClaimRules.Holds, c["C1"]);
        Assert.Equal(RunOutcome.Correct, d.Outcome!.Outcome);
        Assert.Equal(ClaimRules.Holds, c["C2"]);
        Assert.Equal(ClaimRules.Fails, c["C3"]);
        Assert.Equal(ClaimRules.Holds, c["C5"]);
        Assert.Equal(ClaimRules.NotApplicable, c["C6"]);
    }

    [Fact]
    public void Analyzer_on_the_true_sigmoid_generator_has_mmd_inside_the_reference_band()
    {
        var family = new SigmoidFamily(2, 2, 69);
        var arch = new VaeArchitecture(5, 2, [], DecoderKind.SigmoidAffine, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -3, true);
        var model = new Vae(arch, 1000, new Xoshiro256StarStar(1));
        var p = model.Parameters;
        var sd = (SigmoidAffineDecoder)model.Decoder;
        p.Value(sd.Gate.Weight).Clear(); p.Value(sd.Gate.Bias).Fill(-30f);
        p.Value(sd.Affine.Weight).Clear(); p.Value(sd.Affine.Bias).Clear();
        // Output coordinate 2 = sigmoid(<a*, s>); coordinates 0, 1 = s; padding stays sigmoid(-30) ~ 1e-13.
        for (int k = 0; k < 2; k++) p.Value(sd.Gate.Weight)[k * 5 + 2] = (float)family.Direction[k];
        p.Value(sd.Gate.Bias)[2] = 0;
        p.Value(sd.Affine.Weight)[0 * 5 + 0] = 1; p.Value(sd.Affine.Weight)[1 * 5 + 1] = 1;
        var encoder = p.Value(model.Encoder.MeanHead.Weight);
        encoder.Clear();
        encoder[0 * 2 + 0] = 1; encoder[1 * 2 + 1] = 1;
        SetVariances(model, 5.0 / 3);
        var d = ClaimRules.Judge(Analyzer.Analyze(model, family, [1e-4, 1e-4], 0.05, new AnalysisOptions(Samples: 2000, JacobianPoints: 200, MmdSamples: 500, MmdReferencePairs: 20)));
        Assert.True(d.NoiseFree.RelativeToSignal < 1e-8, $"{d.NoiseFree}");
        Assert.True(d.Mmd2 < 3 * d.Mmd2Reference99 + 1e-3, $"MMD² {d.Mmd2} vs reference {d.Mmd2Reference99}");
        Assert.Equal(2, d.DecoderRank);
        Assert.True(d.KsStatistic < 0.05);
        var c = d.Claims.ToDictionary(v => v.Id, v => v.Status);
        Assert.Equal(ClaimRules.Fails, c["C6"]);
        Assert.Equal(RunOutcome.Correct, d.Outcome!.Outcome);
        Assert.Equal(2, d.LocalRankHistogramAtData.Single().Key);
    }

    // Scaled decoder variance θ (η = κ θ = -5) and encoder log-variances log(0.002), so that the loss shows a trained model.
    private static void SetVariances(Vae model, double theta)
    {
        model.Parameters.Value(model.Parameters.Find("decoder.logVarianceScale")!)[0] = (float)theta;
        model.Parameters.Value(model.Encoder.GlobalLogVariance!).Fill((float)Math.Log(0.002));
    }
}

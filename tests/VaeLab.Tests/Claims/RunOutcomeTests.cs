using VaeLab.Claims;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Tests.Claims;

/// <summary>Known answers: decoders built by hand whose outcome follows from their construction.</summary>
public class RunOutcomeTests
{
    private const int D = 3, P = 2, N = D + 1 + P;

    private static readonly SigmoidFamily Family = new(D, P, 69);

    // The true sigmoid generator f(s) = (s, sigmoid(⟨a, s⟩), 0_p) on the first d latents, μ(x) = x[:d], encoder variance
    // σ² / (σ² + 1) there (the optimum for unit decoder columns, SCIENCE.md section 8b). With extraDirection, latent d moves padding coordinate d + 1 and is ignored by the encoder mean, with the optimal
    // encoder variance σ² / (σ² + 1) of the superset construction (SCIENCE.md section 8c).
    private static Vae Build(double[] a, bool extraDirection, bool constant = false, double decoderVariance = 1e-5)
    {
        int m = extraDirection ? D + 1 : D;
        var arch = new VaeArchitecture(N, m, [], DecoderKind.SigmoidAffine, [], EncoderVarianceKind.Global, DecoderVarianceKind.Direct, (float)Math.Log(decoderVariance), true);
        var model = new Vae(arch, 1000, new Xoshiro256StarStar(1));
        var p = model.Parameters;
        var dec = (SigmoidAffineDecoder)model.Decoder;
        foreach (var t in p.Tensors) if (t.Name.StartsWith("encoder.mean") || t.Name.StartsWith("decoder.sigmoid") || t.Name.StartsWith("decoder.affine")) p.Value(t).Clear();
        var encW = p.Value(model.Encoder.MeanHead.Weight);
        var logVar = p.Value(model.Encoder.GlobalLogVariance!);
        for (int k = 0; k < m; k++) logVar[k] = constant ? 0f : (float)Math.Log(decoderVariance / (decoderVariance + 1));
        var gate = p.Value(dec.Gate.Weight);
        var affine = p.Value(dec.Affine.Weight);
        var bias = p.Value(dec.Affine.Bias);
        for (int i = 0; i < N; i++) bias[i] = i == D ? 0f : -0.5f; // cancels sigmoid(0) = 0.5 off the sigmoid coordinate
        if (constant) return model;
        for (int k = 0; k < D; k++)
        {
            encW[k * m + k] = 1f;
            affine[k * N + k] = 1f;
            gate[k * N + D] = (float)a[k];
        }
        if (extraDirection) affine[D * N + D + 1] = 1f;
        return model;
    }

    private static OutcomeMeasurement Judge(Vae model, int samples = 4000)
    {
        var truth = new float[samples * N];
        Family.Sample(truth, samples, RngStreams.Normal(7, "truth"));
        var generated = GeneratedSamples.Draw(model, samples, 8).NoiseFree;
        double signal = Family.MeanSquaredNorm;
        double excess = Analyzer.OffManifold(Family, generated, signal).RelativeToSignal;
        var logVar = model.Parameters.Value(model.Encoder.GlobalLogVariance!).ToArray();
        int active = logVar.Count(l => Math.Exp(l) < 0.05);
        return OutcomeJudge.Judge(OutcomeMeasurer.Measure(model, Family, truth, signal, excess, active, 9), new OutcomeThresholds());
    }

    [Fact]
    public void The_true_generator_is_correct()
    {
        var o = Judge(Build(Family.Direction, extraDirection: false));
        Assert.Equal(RunOutcome.Correct, o.Outcome);
        Assert.True(o.Containment < 1e-9 && o.Excess < 1e-9, $"{o}");
        Assert.True(o.Loss < o.GaussianLoss - 10, $"{o}");
    }

    [Fact]
    public void The_true_manifold_plus_one_direction_is_a_strict_superset()
    {
        var o = Judge(Build(Family.Direction, extraDirection: true));
        Assert.Equal(RunOutcome.StrictSuperset, o.Outcome);
        Assert.True(o.Containment < 1e-9, $"{o}");
        // The extra latent moves padding coordinate d + 1 by s ~ N(0, 1): e = 1 / E‖x‖² up to sampling error.
        Assert.InRange(o.Excess * Family.MeanSquaredNorm, 0.93, 1.07);
    }

    [Fact]
    public void A_rotated_copy_of_the_manifold_is_wrong()
    {
        // Rotating the z-block by 30° in its first plane maps the manifold {(z, sigmoid(⟨a, z⟩))} onto {(w, sigmoid(⟨R a, w⟩))}.
        var a = Family.Direction;
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        double[] rotated = [c * a[0] - s * a[1], s * a[0] + c * a[1], a[2]];
        // σ² near the rotated model's own mean squared residual per coordinate, as training would set it.
        var o = Judge(Build(rotated, extraDirection: false, decoderVariance: 1e-2));
        Assert.True(o.Outcome == RunOutcome.Wrong, $"{o}");
        Assert.True(o.Containment > 3e-3 && o.Excess > 3e-3, $"{o}");
    }

    [Fact]
    public void A_constant_decoder_is_collapsed_by_the_active_count_and_by_the_loss()
    {
        var o = Judge(Build(Family.Direction, extraDirection: false, constant: true));
        Assert.Equal(RunOutcome.Collapsed, o.Outcome);
        Assert.Equal(0, o.ActiveLatents);
        // The same constant decoder with small encoder variances (so "active") and σ² = s², the Gaussian fit's own variance:
        // the loss is the Gaussian fit plus a positive KL, not below it.
        var model = Build(Family.Direction, extraDirection: false, constant: true);
        model.Parameters.Value(model.Encoder.GlobalLogVariance!).Fill((float)Math.Log(0.01));
        var truth = new float[4000 * N];
        Family.Sample(truth, 4000, RngStreams.Normal(7, "truth"));
        var mean = new double[N];
        for (int i = 0; i < 4000; i++) for (int j = 0; j < N; j++) mean[j] += truth[i * N + j] / 4000.0;
        var dec = (SigmoidAffineDecoder)model.Decoder;
        var bias = model.Parameters.Value(dec.Affine.Bias);
        for (int j = 0; j < N; j++) bias[j] = (float)(mean[j] - 0.5);
        double s2 = Math.Exp(2 * IsotropicGaussianFit.NegativeLogLikelihood(truth, N) / N - 1) / (2 * Math.PI);
        model.Parameters.Value(model.Parameters.Find("decoder.logVariance")!)[0] = (float)Math.Log(s2);
        var o2 = OutcomeJudge.Judge(OutcomeMeasurer.Measure(model, Family, truth, Family.MeanSquaredNorm, 0.5, D, 9), new OutcomeThresholds());
        Assert.Equal(RunOutcome.Collapsed, o2.Outcome);
        Assert.InRange(o2.Loss - o2.GaussianLoss, 0, 0.5 * D * (0.01 - 1 - Math.Log(0.01)) + 0.2);
    }

    [Fact]
    public void Thresholds_decide_between_correct_superset_and_wrong()
    {
        var t = new OutcomeThresholds();
        Assert.Equal(RunOutcome.Correct, OutcomeJudge.Judge(0.5, 9e-4, 2, -10, 0.01, 0, t).Outcome);
        Assert.Equal(RunOutcome.StrictSuperset, OutcomeJudge.Judge(9e-4, 1e-3, 2, -10, 0.01, 0, t).Outcome);
        Assert.Equal(RunOutcome.Wrong, OutcomeJudge.Judge(1e-3, 1e-3, 2, -10, 0.01, 0, t).Outcome);
        Assert.Equal(RunOutcome.Collapsed, OutcomeJudge.Judge(0, 0, 2, -0.5, 0.01, 0, t).Outcome);
        Assert.Equal(RunOutcome.Collapsed, OutcomeJudge.Judge(0, 0, 2, -2, 1.0, 0, t).Outcome); // within 3 standard errors
        Assert.Equal(RunOutcome.Wrong, OutcomeJudge.Rejudge(OutcomeJudge.Judge(9e-4, 1e-3, 2, -10, 0.01, 0, t), t.Scaled(0.5)).Outcome);
    }
}

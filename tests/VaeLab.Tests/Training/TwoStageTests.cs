using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Runs;
using VaeLab.Training;

namespace VaeLab.Tests.Training;

public class TwoStageTests
{
    private sealed class StandardNormal(int dim) : IDataSource
    {
        public int AmbientDim => dim;
        public void Sample(Span<float> x, int count, NormalSampler normal) => normal.Fill(x[..(count * dim)]);
    }

    [Fact]
    public void Stage2_trained_on_exact_standard_normal_codes_samples_inside_the_reference_band()
    {
        const int m = 2;
        var arch = new VaeArchitecture(m, m, [32, 32], DecoderKind.Mlp, [32, 32], EncoderVarianceKind.Amortized, DecoderVarianceKind.Scaled, -1f, true);
        var stage2 = new Vae(arch, 100, new Xoshiro256StarStar(1));
        var trainer = new Trainer(stage2, new StandardNormal(m), new TrainingOptions(100, 1e-3f, OptimizerKind.Adam, 0, 2, 0.05));
        for (int i = 0; i < 6000; i++) trainer.TrainStep();

        // Identity stage 1 (n = m, decoder f(z) = z) so two-stage samples are the stage-2 codes themselves.
        var identity = new Vae(new VaeArchitecture(m, m, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1f, true), 1000, new Xoshiro256StarStar(3));
        var w = identity.Parameters.Value(((MlpDecoder)identity.Decoder).Network.Layers[0].Weight);
        w.Clear();
        w[0] = 1; w[3] = 1;
        var big = new Vae(arch, 1000, new Xoshiro256StarStar(1));
        stage2.Parameters.Values.CopyTo(big.Parameters.Values, 0);
        const int k = 1000;
        var samples = GeneratedSamples.DrawTwoStage(identity, big, k, 7, stage2Noise: true).NoiseFree;

        var sampler = RngStreams.Normal(9, "reference");
        float[] Normal() { var v = new float[k * m]; sampler.Fill(v); return v; }
        var truth = Normal();
        double h = Mmd.MedianBandwidth(samples, truth, m);
        var reference = Enumerable.Range(0, 20).Select(_ => Mmd.Squared(Normal(), Normal(), m, h)).ToArray();
        double mmd = Mmd.Squared(samples, truth, m, h);
        Assert.True(mmd <= reference.Max(), $"MMD² {mmd}, reference band up to {reference.Max()}");
    }

    [Fact]
    public void Two_stage_sampling_is_deterministic_for_a_seed()
    {
        var c = RunConfig.Defaults(DataFamilyKind.Sigmoid) with { Latent = 3 };
        var stage1 = RunFactory.CreateModel(c, 1000);
        var stage2 = RunFactory.CreateStage2Model(c, 1000);
        var a = GeneratedSamples.DrawTwoStage(stage1, stage2, 500, 4, true);
        var b = GeneratedSamples.DrawTwoStage(stage1, stage2, 500, 4, true);
        var d = GeneratedSamples.DrawTwoStage(stage1, stage2, 500, 5, true);
        Assert.Equal(a.NoiseFree, b.NoiseFree);
        Assert.NotEqual(a.NoiseFree, d.NoiseFree);
    }

    [Fact]
    public void Latent_codes_follow_the_stage1_encoder()
    {
        // A global-variance linear encoder: z = B x + b + exp(l/2) xi, so Var(z_j) = Var((Bx)_j) + exp(l_j).
        var c = RunConfig.Defaults(DataFamilyKind.Linear) with { Latent = 2, Padding = 1 };
        var stage1 = RunFactory.CreateModel(c, 100);
        var family = RunFactory.CreateFamily(c);
        var source = new LatentCodeSource(stage1, family, 100);
        var normal = RngStreams.Normal(1, "codes");
        var z = new float[100 * 2];
        double sum = 0, sumSq = 0;
        for (int r = 0; r < 400; r++)
        {
            source.Sample(z, 100, normal);
            for (int i = 0; i < 100; i++) { sum += z[i * 2]; sumSq += z[i * 2] * (double)z[i * 2]; }
        }
        double mean = sum / 40_000, variance = sumSq / 40_000 - mean * mean;
        var p = VaeLab.Theory.LinearVaeMapping.FromModel(stage1);
        var s = ((LinearFamily)family).Covariance;
        double expected = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) expected += p.B[0, i] * s[i, j] * p.B[0, j];
        expected += Math.Exp(p.L[0]);
        Assert.True(Math.Abs(variance - expected) < 0.05 * expected, $"Var(z_0) = {variance}, expected {expected}");
    }
}

using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Tests.Training;

public class LatentCodeSourceTests
{
    [Theory]
    [InlineData(EncoderVarianceKind.Global)]
    [InlineData(EncoderVarianceKind.Amortized)]
    public void Codes_are_mu_plus_exp_half_l_times_xi_bit_for_bit(EncoderVarianceKind variance)
    {
        const int n = 7, m = 5, batch = 13;
        var family = DataFamilyFactory.Create(DataFamilyKind.Sphere, 3, 0, 4, 1, 0f);
        var stage1 = new Vae(new VaeArchitecture(n, m, [8], DecoderKind.Mlp, [8], variance, DecoderVarianceKind.Scaled, -1f, true), batch, new Xoshiro256StarStar(5));
        // A non-trivial global log-variance, so that exp(l/2) differs per latent.
        if (stage1.Encoder.GlobalLogVariance is { } g)
        {
            var l = stage1.Parameters.Value(g);
            for (int j = 0; j < m; j++) l[j] = 0.3f * j - 0.7f;
        }
        var codes = new float[batch * m];
        new LatentCodeSource(stage1, family, batch).Sample(codes, batch, new NormalSampler(new Xoshiro256StarStar(9)));

        // The same draws by hand: data, encoder, then the noise, from an identically seeded sampler.
        var normal = new NormalSampler(new Xoshiro256StarStar(9));
        var x = new float[batch * n];
        var xi = new float[batch * m];
        family.Sample(x, batch, normal);
        stage1.Encoder.Forward(x, batch);
        normal.Fill(xi);
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < m; j++)
            {
                float logVar = stage1.Encoder.LogVariance[variance == EncoderVarianceKind.Amortized ? b * m + j : j];
                float expected = MathF.Exp(0.5f * logVar) * xi[b * m + j] + stage1.Encoder.Mean[b * m + j];
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(codes[b * m + j]));
            }
    }
}

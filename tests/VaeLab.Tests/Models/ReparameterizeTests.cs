using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Tests.Models;

/// <summary>Encoder.Reparameterize against s = mu + exp(l/2) xi written out in double, for both encoder variances.</summary>
public class ReparameterizeTests
{
    [Theory]
    [InlineData(EncoderVarianceKind.Global)]
    [InlineData(EncoderVarianceKind.Amortized)]
    public void Codes_are_mu_plus_exp_half_l_times_xi(EncoderVarianceKind variance)
    {
        const int n = 5, m = 3, batch = 4;
        var store = new ParameterStore();
        var encoder = new Encoder(store, "encoder", n, [6], m, variance, batch);
        store.Allocate(new Xoshiro256StarStar(1));
        var rng = new Xoshiro256StarStar(2);
        for (int i = 0; i < store.Count; i++) store.Values[i] += (float)(0.5 * rng.NextNormal());
        float[] x = GradientCheckTests.Fill(rng, batch * n), xi = GradientCheckTests.Fill(rng, batch * m);
        float[] std = new float[batch * m], s = new float[batch * m];
        encoder.Forward(x, batch);
        encoder.Reparameterize(xi, std, s, batch);
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < m; j++)
            {
                double l = encoder.LogVariance[variance == EncoderVarianceKind.Amortized ? b * m + j : j];
                double expected = encoder.Mean[b * m + j] + Math.Exp(0.5 * l) * xi[b * m + j];
                Assert.Equal(Math.Exp(0.5 * l), std[b * m + j], 1e-5);
                Assert.Equal(expected, s[b * m + j], 1e-5);
            }
    }
}

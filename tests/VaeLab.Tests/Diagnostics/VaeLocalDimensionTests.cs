using MathNet.Numerics.LinearAlgebra;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Tests.Diagnostics;

public class VaeLocalDimensionTests
{
    [Fact]
    public void An_affine_decoder_of_rank_two_has_local_rank_two_and_its_own_spectrum_at_every_point()
    {
        const int n = 6, m = 4, count = 25;
        var arch = new VaeArchitecture(n, m, [8], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1, true);
        var model = new Vae(arch, 10, new Xoshiro256StarStar(3));
        // The decoder's weight is stored (in, out) = (m, n): f(s) = s W + b, so J = Wᵀ; only latents 0 and 1 reach the output.
        var w = new float[m * n];
        var rng = new Xoshiro256StarStar(5);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 2; k++) w[k * n + i] = (float)rng.NextNormal();
        w.CopyTo(model.Parameters.Value(((MlpDecoder)model.Decoder).Network.Layers[0].Weight));
        float[] logVar = [MathF.Log(0.01f), MathF.Log(0.02f), 0f, -1f];
        logVar.CopyTo(model.Parameters.Value(model.Encoder.GlobalLogVariance!));
        var expected = Matrix<double>.Build.Dense(n, m, (i, k) => w[k * n + i]).Svd(false).S;

        var x = new float[count * n];
        RngStreams.Normal(1, "x").Fill(x);
        var d = VaeLocalDimension.Measure(model, x, count, 1e-2, 0.05);
        Assert.All(d.LocalRank.PerPoint, r => Assert.Equal(2, r));
        Assert.All(d.ActiveLatents.PerPoint, a => Assert.Equal(2, a));
        Assert.False(d.Amortized);
        foreach (var s in d.Spectra)
            for (int j = 0; j < m; j++) Assert.Equal(expected[j], s[j], 1e-5 * expected[0]);
        Assert.Equal(2, d.LocalRank.Global);
    }

    [Fact]
    public void Median_of_an_even_count_averages_the_middle_pair_and_skips_nan()
    {
        Assert.Equal(2.5, VaeLocalDimension.Median([4, 1, double.NaN, 3, 2]));
        Assert.Equal(3, VaeLocalDimension.Median([3]));
        Assert.True(double.IsNaN(VaeLocalDimension.Median([])));
    }
}

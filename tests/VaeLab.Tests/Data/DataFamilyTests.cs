using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Random;

namespace VaeLab.Tests.Data;

public class DataFamilyTests
{
    private static float[] Sample(DataFamily family, int count, ulong seed = 1)
    {
        var x = new float[count * family.AmbientDim];
        family.Sample(x, count, RngStreams.Normal(seed, "data"));
        return x;
    }

    [Theory]
    [InlineData("linear", 3, 3, 9)]
    [InlineData("linear", 6, 3, 6)]
    [InlineData("linear", 2, 3, 4)]
    [InlineData("sigmoid", 5, 0, 16)]
    [InlineData("sphere", 5, 0, 5)]
    public void True_samples_lie_on_the_manifold(string name, int dim, int _, int padding)
    {
        var family = DataFamilyFactory.Create(KindNames.Parse<DataFamilyKind>(name), dim, 3, padding, 7, 0f);
        var x = Sample(family, 2000);
        double scale = 0;
        for (int i = 0; i < 2000; i++)
        {
            var row = x.AsSpan(i * family.AmbientDim, family.AmbientDim);
            Assert.Equal(0, family.PaddingError(row));
            Assert.True(family.InBlockError(row[..family.BlockDim]) < 1e-9, $"row {i}: error {family.InBlockError(row[..family.BlockDim])}");
            foreach (float v in row) scale += v * v;
        }
        Assert.True(scale > 0);
    }

    [Fact]
    public void Linear_family_dimensions_and_covariance()
    {
        var family = new LinearFamily(6, 3, 4, dataSeed: 3);
        Assert.Equal((3, 10, 6), (family.IntrinsicDim, family.AmbientDim, family.BlockDim));
        const int count = 100_000;
        var x = Sample(family, count);
        var cov = family.Covariance;
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
            {
                double sum = 0;
                for (int s = 0; s < count; s++) sum += (double)x[s * 10 + i] * x[s * 10 + j];
                double expected = cov[i, j];
                double se = Math.Sqrt((cov[i, i] * cov[j, j] + expected * expected) / count);
                Assert.True(Math.Abs(sum / count - expected) < 5 * se + 1e-6, $"cov[{i},{j}] = {sum / count}, expected {expected}");
            }
        // Wider-than-tall A is full row rank: r = D.
        Assert.Equal(2, new LinearFamily(2, 3, 0, 1).IntrinsicDim);
    }

    [Fact]
    public void Sigmoid_family_latents_are_standard_normal_and_last_coordinate_is_the_sigmoid()
    {
        var family = new SigmoidFamily(3, 2, dataSeed: 69);
        Assert.Equal((3, 6), (family.IntrinsicDim, family.AmbientDim));
        var x = Sample(family, 50_000);
        var z0 = Enumerable.Range(0, 50_000).Select(i => (double)x[i * 6]).ToArray();
        Assert.True(VaeLab.Diagnostics.KolmogorovSmirnov.AgainstStandardNormal(z0) < 1.63 / Math.Sqrt(50_000));
        double dot = family.Direction[0] * x[0] + family.Direction[1] * x[1] + family.Direction[2] * x[2];
        Assert.Equal(1 / (1 + Math.Exp(-dot)), x[3], 5);
        // The authors' metric omits the sigmoid, so it is far from 0 on true data.
        Assert.True(family.AuthorsError(x.AsSpan(0, 4)) + family.AuthorsError(x.AsSpan(6, 4)) > 1e-3);
    }

    [Fact]
    public void Sphere_is_uniform_mean_zero_covariance_identity_over_d()
    {
        var family = new SphereFamily(4, 1);
        Assert.Equal((3, 5), (family.IntrinsicDim, family.AmbientDim));
        const int count = 40_000;
        var x = Sample(family, count);
        for (int i = 0; i < 4; i++)
        {
            double mean = 0, second = 0;
            for (int s = 0; s < count; s++) { mean += x[s * 5 + i]; second += x[s * 5 + i] * (double)x[s * 5 + i]; }
            Assert.InRange(mean / count, -0.015, 0.015);
            Assert.InRange(second / count, 0.24, 0.26);
        }
    }

    [Fact]
    public void Noise_adds_the_configured_variance_to_every_coordinate()
    {
        var family = new SphereFamily(3, 2, noiseVariance: 0.04f);
        var x = Sample(family, 50_000);
        double pad = 0;
        for (int s = 0; s < 50_000; s++) pad += x[s * 5 + 4] * (double)x[s * 5 + 4];
        Assert.InRange(pad / 50_000, 0.038, 0.042);
    }

    [Fact]
    public void Data_seed_fixes_the_parameters_and_model_seed_does_not()
    {
        var a = new SigmoidFamily(5, 0, 24);
        var b = new SigmoidFamily(5, 0, 24);
        var c = new SigmoidFamily(5, 0, 48);
        Assert.Equal(a.Direction, b.Direction);
        Assert.NotEqual(a.Direction, c.Direction);
        Assert.NotEqual(Sample(a, 10, 1), Sample(a, 10, 2));
    }

    [Fact]
    public void Projections_map_onto_the_manifold()
    {
        var linear = new LinearFamily(4, 2, 0, 5);
        var point = new float[] { 1, -2, 0.5f, 3 };
        var projected = new double[4];
        linear.ProjectBlock(point, projected);
        Assert.True(linear.InBlockError(projected.Select(v => (float)v).ToArray()) < 1e-10);
        var sphere = new SphereFamily(3, 0);
        var p = new double[3];
        sphere.ProjectBlock(new float[] { 3, 0, 4 }, p);
        Assert.Equal(new[] { 0.6, 0, 0.8 }, p.Select(v => Math.Round(v, 6)));
    }
}

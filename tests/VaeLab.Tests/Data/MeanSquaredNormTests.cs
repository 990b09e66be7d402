using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Tests.Data;

public class MeanSquaredNormTests
{
    [Theory]
    [InlineData("linear", 6, 4, 0f)]
    [InlineData("linear", 3, 9, 0.01f)]
    [InlineData("sigmoid", 3, 3, 0f)]
    [InlineData("sigmoid", 7, 20, 0f)]
    [InlineData("sigmoid", 5, 5, 0.02f)]
    [InlineData("sphere", 5, 16, 0f)]
    [InlineData("sphere", 3, 3, 0.01f)]
    [InlineData("torus", 2, 3, 0f)]
    [InlineData("swiss-roll", 2, 2, 0f)]
    [InlineData("graph", 3, 2, 0.01f)]
    [InlineData("union", 8, 2, 0f)]
    [InlineData("sigmoid", 3, 3, 0.01f, true)]
    [InlineData("linear", 6, 4, 0f, true)]
    public void Closed_form_agrees_with_monte_carlo(string name, int dim, int padding, float noise, bool rotate = false)
    {
        var family = DataFamilyFactory.Create(KindNames.Parse<DataFamilyKind>(name), dim, 3, padding, 24, noise, rotate);
        const int count = 200_000;
        var x = new float[count * family.AmbientDim];
        family.Sample(x, count, RngStreams.Normal(5, "mc"));
        var norms = new double[count];
        for (int i = 0; i < count; i++)
            foreach (float v in x.AsSpan(i * family.AmbientDim, family.AmbientDim)) norms[i] += (double)v * v;
        double mean = norms.Average();
        double se = Math.Sqrt(norms.Sum(v => (v - mean) * (v - mean)) / (count - 1) / count);
        double exact = family.MeanSquaredNorm;
        Assert.True(Math.Abs(mean - exact) < 4 * se + 1e-9, $"{name}: Monte Carlo {mean} ± {se}, closed form {exact}");
    }

    [Fact]
    public void Quadrature_matches_known_normal_moments()
    {
        Assert.Equal(1.0, NormalExpectation.Of(_ => 1), 12);
        Assert.Equal(1.0, NormalExpectation.Of(z => z * z), 12);
        Assert.Equal(3.0, NormalExpectation.Of(z => z * z * z * z), 11);
        // E sigmoid(aZ) = 1/2 by symmetry; E cos(Z) = exp(-1/2).
        Assert.Equal(0.5, NormalExpectation.Of(z => 1 / (1 + Math.Exp(-2.3 * z))), 12);
        Assert.Equal(Math.Exp(-0.5), NormalExpectation.Of(Math.Cos), 12);
    }
}

using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Tests.Numerics;

/// <summary>AdamUpdate.Apply against its scalar twin, written out here: the same operations per element, so equal to the bit.</summary>
public class AdamUpdateTests
{
    private static void ScalarTwin(float[] p, float[] g, float[] m, float[] v, float b1, float b2, float lr, float eps, float c1, float c2)
    {
        float a1 = 1f - b1, a2 = 1f - b2;
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = b1 * m[i] + a1 * g[i];
            v[i] = b2 * v[i] + a2 * g[i] * g[i];
            p[i] -= lr * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + eps);
        }
    }

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (int n in Enumerable.Range(0, 50).Concat([63, 64, 65, 127, 128, 129, 1000, 4099])) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Vector_update_equals_the_scalar_twin_to_the_bit(int length)
    {
        var rng = new Xoshiro256StarStar((ulong)length + 1);
        float[] Normal(double scale) => Enumerable.Range(0, length).Select(_ => (float)(scale * rng.NextNormal())).ToArray();
        float[] p = Normal(1), m = Normal(0.1), v = Normal(0.1).Select(x => x * x).ToArray();
        float[] p2 = (float[])p.Clone(), m2 = (float[])m.Clone(), v2 = (float[])v.Clone();
        const float b1 = 0.9f, b2 = 0.999f, lr = 1e-3f, eps = 1e-8f;
        for (int t = 1; t <= 5; t++)
        {
            float[] g = Normal(t);
            float c1 = 1f / (1f - MathF.Pow(b1, t)), c2 = 1f / (1f - MathF.Pow(b2, t));
            AdamUpdate.Apply(p, g, m, v, b1, b2, lr, eps, c1, c2);
            ScalarTwin(p2, g, m2, v2, b1, b2, lr, eps, c1, c2);
        }
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
        Assert.Equal(p2, p);
    }

    [Fact]
    public void First_step_moves_each_parameter_by_about_the_learning_rate_against_its_gradient()
    {
        // At t = 1 the bias-corrected m/sqrt(v) is g/|g| (up to eps), so every parameter moves by lr · sign(g): an
        // independent closed form for the update, not a second copy of it.
        var rng = new Xoshiro256StarStar(3);
        const int n = 37;
        float[] p = new float[n], g = Enumerable.Range(0, n).Select(_ => (float)rng.NextNormal()).ToArray(), m = new float[n], v = new float[n];
        AdamUpdate.Apply(p, g, m, v, 0.9f, 0.999f, 1e-3f, 1e-8f, 1f / (1f - 0.9f), 1f / (1f - 0.999f));
        for (int i = 0; i < n; i++) Assert.Equal(-1e-3 * Math.Sign(g[i]), p[i], 1e-6);
    }
}

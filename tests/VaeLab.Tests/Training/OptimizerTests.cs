using VaeLab.Training;

namespace VaeLab.Tests.Training;

public class OptimizerTests
{
    [Fact]
    public void Adam_matches_hand_computed_steps()
    {
        // Two steps on 19 parameters (covers the 16-wide vector path and the scalar tail), computed here in double.
        const int count = 19;
        var adam = new Adam(count, 0.01f);
        var p = Enumerable.Range(0, count).Select(i => 0.1f * i - 0.5f).ToArray();
        var g1 = Enumerable.Range(0, count).Select(i => (float)Math.Sin(i + 1)).ToArray();
        var g2 = Enumerable.Range(0, count).Select(i => (float)Math.Cos(2 * i)).ToArray();
        var expected = p.Select(v => (double)v).ToArray();
        var m = new double[count];
        var v = new double[count];
        int t = 0;
        foreach (var g in new[] { g1, g2 })
        {
            t++;
            for (int i = 0; i < count; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * (double)g[i];
                double mHat = m[i] / (1 - Math.Pow(0.9, t)), vHat = v[i] / (1 - Math.Pow(0.999, t));
                expected[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
            adam.Step(p, g);
        }
        for (int i = 0; i < count; i++) Assert.Equal(expected[i], p[i], 5);
        Assert.Equal(2, adam.StepCount);
        // The first Adam step moves every parameter by about lr, whatever the gradient's scale.
        var q = new float[] { 0f };
        new Adam(1, 0.01f).Step(q, new float[] { 1234f });
        Assert.Equal(-0.01f, q[0], 5);
    }

    [Fact]
    public void Sgd_steps_against_the_gradient()
    {
        var sgd = new Sgd(0.1f);
        var p = new float[] { 1f, -2f, 3f };
        sgd.Step(p, new float[] { 10f, 0f, -5f });
        Assert.Equal(new[] { 0f, -2f, 3.5f }, p);
    }

    [Fact]
    public void Adam_state_round_trips()
    {
        var a = new Adam(3, 0.1f);
        var p = new float[] { 1, 2, 3 };
        a.Step(p, new float[] { 1, -1, 0.5f });
        var b = new Adam(3, 0.1f);
        b.SetState(a.GetState(), a.StepCount);
        var pa = (float[])p.Clone();
        var pb = (float[])p.Clone();
        a.Step(pa, new float[] { 0.2f, 0.3f, -0.1f });
        b.Step(pb, new float[] { 0.2f, 0.3f, -0.1f });
        Assert.Equal(pa, pb);
    }

    [Fact]
    public void Adam_vector_paths_are_bit_identical_to_its_scalar_formula()
    {
        // 37 parameters: 16- or 8-wide vectors and a scalar tail, whichever this machine has; all must round alike.
        const int count = 37;
        float lr = 0.003f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        var adam = new Adam(count, lr);
        var p = Enumerable.Range(0, count).Select(i => 0.07f * i - 1f).ToArray();
        var q = (float[])p.Clone();
        var m = new float[count];
        var v = new float[count];
        for (int t = 1; t <= 3; t++)
        {
            var g = Enumerable.Range(0, count).Select(i => (float)Math.Sin(i * t + 0.5)).ToArray();
            adam.Step(p, g);
            float c1 = (float)(1.0 / (1.0 - Math.Pow(b1, t))), c2 = (float)(1.0 / (1.0 - Math.Pow(b2, t)));
            for (int i = 0; i < count; i++)
            {
                m[i] = b1 * m[i] + (1f - b1) * g[i];
                v[i] = b2 * v[i] + (1f - b2) * g[i] * g[i];
                q[i] -= lr * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + eps);
            }
        }
        for (int i = 0; i < count; i++) Assert.Equal(BitConverter.SingleToInt32Bits(q[i]), BitConverter.SingleToInt32Bits(p[i]));
    }
}

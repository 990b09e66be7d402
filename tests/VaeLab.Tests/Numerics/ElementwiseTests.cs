using System.Numerics.Tensors;
using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Tests.Numerics;

// Each fused kernel against the TensorPrimitives calls it replaced (bit for bit: the training trajectory must not
// change) and against its scalar twin (bit for bit for arithmetic, within float rounding where exp is involved).
public class ElementwiseTests
{
    public static readonly TheoryData<int> Lengths = new([1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 100, 2200]);

    private static float[] Random(int n, ulong seed, float scale = 3f)
    {
        var normal = RngStreams.Normal(seed, "elementwise");
        var x = new float[n];
        normal.Fill(x);
        for (int i = 0; i < n; i++) x[i] *= scale;
        return x;
    }

    [Theory, MemberData(nameof(Lengths))]
    public void HalfExp_is_multiply_then_exp(int n)
    {
        float[] l = Random(n, 1), fast = new float[n], old = new float[n], slow = new float[n];
        Elementwise.HalfExp(l, fast);
        TensorPrimitives.Multiply(l, 0.5f, old);
        TensorPrimitives.Exp(old, old);
        Elementwise.HalfExpScalar(l, slow);
        Assert.Equal(old, fast);
        for (int i = 0; i < n; i++) Assert.Equal(slow[i], fast[i], 2e-6 * Math.Max(1, slow[i]));
    }

    [Theory, MemberData(nameof(Lengths))]
    public void SigmoidAdd_is_sigmoid_then_add(int n)
    {
        float[] g = Random(n, 2, 6f), y = Random(n, 3);
        float[] gFast = (float[])g.Clone(), yFast = (float[])y.Clone(), gOld = (float[])g.Clone(), yOld = (float[])y.Clone();
        float[] gSlow = (float[])g.Clone(), ySlow = (float[])y.Clone();
        Elementwise.SigmoidAdd(gFast, yFast);
        TensorPrimitives.Sigmoid(gOld, gOld);
        TensorPrimitives.Add(yOld, gOld, yOld);
        Elementwise.SigmoidAddScalar(gSlow, ySlow);
        Assert.Equal(gOld, gFast);
        Assert.Equal(yOld, yFast);
        for (int i = 0; i < n; i++) Assert.Equal(gSlow[i], gFast[i], 1e-6);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void SigmoidBackward_matches_three_calls_and_twin(int n)
    {
        float[] s = Random(n, 4), d = Random(n, 5), fast = new float[n], old = new float[n], slow = new float[n];
        Elementwise.SigmoidBackward(s, d, fast);
        TensorPrimitives.Multiply(s, s, old);
        TensorPrimitives.Subtract(s, old, old);
        TensorPrimitives.Multiply(old, d, old);
        Elementwise.SigmoidBackwardScalar(s, d, slow);
        Assert.Equal(old, fast);
        Assert.Equal(slow, fast);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Residual_with_and_without_noise(int n)
    {
        float[] f = Random(n, 6), x = Random(n, 7), e = Random(n, 8);
        foreach (bool noisy in (bool[])[true, false])
        {
            float[] fast = new float[n], old = new float[n], slow = new float[n];
            Elementwise.Residual(f, x, noisy ? e : default, 0.3f, fast);
            TensorPrimitives.Subtract(f, x, old);
            if (noisy) TensorPrimitives.MultiplyAdd(e, 0.3f, old, old);
            Elementwise.ResidualScalar(f, x, noisy ? e : default, 0.3f, slow);
            Assert.Equal(old, fast);
            Assert.Equal(slow, fast);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void LatentGradients_match_the_calls_they_replace(int n)
    {
        float[] dS = Random(n, 9), xi = Random(n, 10), mean = Random(n, 11), std = Random(n, 12, 1f);
        for (int i = 0; i < n; i++) std[i] = MathF.Abs(std[i]);
        const float invBatch = 0.01f;
        foreach (bool amortized in (bool[])[true, false])
        {
            float[] dm = new float[n], dl = new float[n], dmOld = new float[n], dlOld = new float[n], dmSlow = new float[n], dlSlow = new float[n];
            Elementwise.LatentGradients(dS, xi, std, mean, invBatch, amortized, dm, dl);
            TensorPrimitives.MultiplyAdd(mean, invBatch, dS, dmOld);
            TensorPrimitives.Multiply(dS, xi, dlOld);
            TensorPrimitives.Multiply(dlOld, std, dlOld);
            TensorPrimitives.Multiply(dlOld, 0.5f, dlOld);
            if (amortized)
            {
                var kl = new float[n];
                TensorPrimitives.Multiply(std, std, kl);
                TensorPrimitives.Add(kl, -1f, kl);
                TensorPrimitives.MultiplyAdd(kl, 0.5f * invBatch, dlOld, dlOld);
            }
            Elementwise.LatentGradientsScalar(dS, xi, std, mean, invBatch, amortized, dmSlow, dlSlow);
            Assert.Equal(dmOld, dm);
            Assert.Equal(dlOld, dl);
            Assert.Equal(dmSlow, dm);
            Assert.Equal(dlSlow, dl);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Scale_and_fused_multiply_add(int n)
    {
        float[] a = Random(n, 13), b = Random(n, 14), c = Random(n, 15);
        float[] fast = new float[n], old = new float[n];
        Elementwise.Scale(a, 0.7f, fast);
        TensorPrimitives.Multiply(a, 0.7f, old);
        Assert.Equal(old, fast);
        Elementwise.FusedMultiplyAdd(a, b, c, fast);
        TensorPrimitives.FusedMultiplyAdd(a, b, c, old);
        Assert.Equal(old, fast);
        for (int i = 0; i < n; i++) Assert.Equal(MathF.FusedMultiplyAdd(a[i], b[i], c[i]), fast[i]);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(6, 100)]
    [InlineData(8, 3)]
    [InlineData(20, 100)]
    [InlineData(23, 7)]
    [InlineData(16, 4)]
    [InlineData(24, 2)]
    [InlineData(20, 1)]
    [InlineData(9, 5)]
    [InlineData(7, 3)]
    public void RepeatRow_copies_the_first_row_onto_every_row(int cols, int rows)
    {
        float[] buffer = Random(cols * rows + 9, 16);
        float[] row = buffer[..cols], beyond = buffer[(cols * rows)..];
        Elementwise.RepeatRow(buffer.AsSpan(0, cols * rows), cols, rows);
        for (int i = 0; i < rows; i++) Assert.Equal(row, buffer.AsSpan(i * cols, cols).ToArray());
        Assert.Equal(beyond, buffer[(cols * rows)..]);
    }

    [Fact]
    public void Too_short_a_span_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Elementwise.Scale(new float[8], 1f, new float[7]));
    }
}

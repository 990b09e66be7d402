using MathNet.Numerics.LinearAlgebra;
using System.Numerics.Tensors;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Tests.Diagnostics;

/// <summary>
/// The analysis' fast paths against naive twins: MMD² bit for bit against the scalar row-by-row loop it replaced and close to
/// a double-precision sum, the bandwidth's selection against a full sort, and decoder Jacobians (one forward pass, input
/// gradients only) bit for bit against a forward and a full backward pass per output coordinate, and close to finite differences.
/// </summary>
public class FastAnalysisTests
{
    [Theory]
    [InlineData(300, 300, 3)]
    [InlineData(257, 131, 6)]
    [InlineData(5, 9, 1)]
    [InlineData(64, 77, 22)]
    [InlineData(2000, 1999, 4)]
    [InlineData(130, 2100, 2)]
    public void Mmd_equals_the_scalar_loop_bit_for_bit_and_a_double_sum_closely(int nx, int ny, int dim)
    {
        var rng = RngStreams.Normal(7, "mmd-test");
        var x = new float[nx * dim];
        var y = new float[ny * dim];
        rng.Fill(x);
        rng.Fill(y);
        for (int i = 0; i < y.Length; i += dim) y[i] += 0.3f;
        double h = Mmd.MedianBandwidth(x, y, dim);
        double fast = Mmd.Squared(x, y, dim, h);
        Assert.Equal(ScalarMmd(x, y, dim, h), fast);
        Assert.Equal(DoubleMmd(x, y, dim, h), fast, 1e-5);
        if (nx >= 100) Assert.True(fast > 0, $"shifted samples give MMD² {fast}"); // tiny samples: the unbiased statistic may be negative
    }

    [Fact]
    public void The_bandwidth_is_the_median_a_full_sort_gives()
    {
        var rng = RngStreams.Normal(3, "bandwidth-test");
        var x = new float[700 * 4];
        var y = new float[300 * 4];
        rng.Fill(x);
        rng.Fill(y);
        var pooled = x.Take(500 * 4).Concat(y).ToArray();
        var distances = new List<double>();
        for (int i = 0; i < 800; i++)
            for (int j = i + 1; j < 800; j++) distances.Add(TensorPrimitives.Distance(pooled.AsSpan(i * 4, 4), pooled.AsSpan(j * 4, 4)));
        distances.Sort();
        Assert.Equal(distances[distances.Count / 2], Mmd.MedianBandwidth(x, y, 4));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 101)]
    [InlineData(3, 1000)]
    [InlineData(4, 999)]
    public void Selection_gives_the_sorted_value_with_ties_and_nan(ulong seed, int length)
    {
        var rng = new Xoshiro256StarStar(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = Math.Round(rng.NextNormal() * 4) / 4; // many ties
        var sorted = values.Order().ToArray();
        foreach (int k in new[] { 0, length / 2, length - 1 })
            Assert.Equal(sorted[k], OrderStatistic.Select((double[])values.Clone(), k));
        values[length / 3] = double.NaN;
        var withNan = (double[])values.Clone();
        Array.Sort(withNan);
        Assert.Equal(withNan[length / 2], OrderStatistic.Select((double[])values.Clone(), length / 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistic.Select(values, length));
    }

    [Theory]
    [InlineData(DecoderKind.Mlp, new[] { 30, 20 })]
    [InlineData(DecoderKind.Mlp, new int[0])]
    [InlineData(DecoderKind.SigmoidAffine, new int[0])]
    public void Jacobians_equal_a_full_backward_pass_per_coordinate_and_finite_differences(DecoderKind kind, int[] hidden)
    {
        const int n = 9, m = 5, count = 37;
        var arch = new VaeArchitecture(n, m, [16], kind, hidden, EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1, true);
        var model = new Vae(arch, 50, new Xoshiro256StarStar(11));
        var s = new float[50 * m];
        RngStreams.Normal(5, "jacobian-test").Fill(s.AsSpan(0, count * m));
        var fast = DecoderJacobian.At(model, s, count);
        var naive = NaiveJacobian(model, s, count);
        for (int p = 0; p < count; p++) Assert.Equal(naive[p], fast[p]);
        Assert.All(model.Parameters.Gradients.ToArray(), g => Assert.Equal(0f, g));
        // The per-model workspace is reused: new weights must be seen (as TrajectoryProbe overwrites its copy).
        var values = model.Parameters.Values;
        for (int i = 0; i < values.Length; i++) values[i] *= i % 3 == 0 ? -0.5f : 1.5f;
        var changed = DecoderJacobian.At(model, s, count);
        var changedNaive = NaiveJacobian(model, s, count);
        for (int p = 0; p < count; p++) Assert.Equal(changedNaive[p], changed[p]);
        Assert.NotEqual(naive[0], changed[0]);
        fast = changed;

        var spectra = DecoderJacobian.SpectraAt(model, s, count);
        for (int p = 0; p < count; p++)
        {
            var j = fast[p];
            Assert.Equal(LinearAlgebra.SingularValues(Matrix<double>.Build.Dense(n, m, (r, c) => j[r * m + c])), spectra[p]);
        }

        // Central differences in double through the decoder's float forward pass: agreement to float precision.
        var point = s.AsSpan(0, m).ToArray();
        var plus = new float[n];
        var minus = new float[n];
        const float step = 1e-2f;
        for (int k = 0; k < m; k++)
        {
            var up = (float[])point.Clone();
            var down = (float[])point.Clone();
            up[k] += step;
            down[k] -= step;
            model.Decode(up, plus, 1);
            model.Decode(down, minus, 1);
            for (int i = 0; i < n; i++)
                Assert.Equal((plus[i] - (double)minus[i]) / ((double)up[k] - down[k]), fast[0][i * m + k], 2e-3);
        }
    }

    // What DecoderJacobian did before: a forward and a full backward pass (parameter gradients included) per output coordinate.
    private static double[][] NaiveJacobian(Vae model, float[] s, int count)
    {
        int n = model.InputDim, m = model.LatentDim;
        var result = new double[count][];
        for (int p = 0; p < count; p++) result[p] = new double[n * m];
        var dOut = new float[count * n];
        var dS = new float[count * m];
        for (int i = 0; i < n; i++)
        {
            model.Decoder.Forward(s, count);
            Array.Clear(dOut);
            for (int p = 0; p < count; p++) dOut[p * n + i] = 1f;
            model.Decoder.Backward(dOut, dS, count);
            for (int p = 0; p < count; p++)
                for (int k = 0; k < m; k++) result[p][i * m + k] = dS[p * m + k];
        }
        model.Parameters.ZeroGrad();
        return result;
    }

    // The scalar loop Mmd.Squared replaced: each distance in float, coordinates in order; exp and the float row sum by TensorPrimitives.
    private static double ScalarMmd(float[] x, float[] y, int dim, double bandwidth)
    {
        int nx = x.Length / dim, ny = y.Length / dim;
        float gamma = (float)(1.0 / (2 * bandwidth * bandwidth));
        double Sum(float[] a, float[] b, bool same)
        {
            int na = a.Length / dim, nb = b.Length / dim;
            var row = new float[nb];
            double total = 0;
            for (int i = 0; i < na; i++)
            {
                for (int j = 0; j < nb; j++)
                {
                    float d2 = 0;
                    for (int k = 0; k < dim; k++) { float t = a[i * dim + k] - b[j * dim + k]; d2 += t * t; }
                    row[j] = -gamma * d2;
                }
                TensorPrimitives.Exp(row, row);
                total += TensorPrimitives.Sum(row);
                if (same) total -= 1.0;
            }
            return total;
        }
        return Sum(x, x, true) / (nx * (nx - 1.0)) + Sum(y, y, true) / (ny * (ny - 1.0)) - 2 * Sum(x, y, false) / ((double)nx * ny);
    }

    // The U-statistic in double throughout, the diagonal skipped: the definition, not the arithmetic.
    private static double DoubleMmd(float[] x, float[] y, int dim, double h)
    {
        double K(float[] a, int i, float[] b, int j)
        {
            double d2 = 0;
            for (int k = 0; k < dim; k++) { double t = (double)a[i * dim + k] - b[j * dim + k]; d2 += t * t; }
            return Math.Exp(-d2 / (2 * h * h));
        }
        int nx = x.Length / dim, ny = y.Length / dim;
        double kxx = 0, kyy = 0, kxy = 0;
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < nx; j++) if (i != j) kxx += K(x, i, x, j);
        for (int i = 0; i < ny; i++)
            for (int j = 0; j < ny; j++) if (i != j) kyy += K(y, i, y, j);
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++) kxy += K(x, i, y, j);
        return kxx / (nx * (nx - 1.0)) + kyy / (ny * (ny - 1.0)) - 2 * kxy / ((double)nx * ny);
    }
}

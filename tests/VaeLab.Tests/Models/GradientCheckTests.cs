using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Tests.Models;

/// <summary>Every differentiable piece against central finite differences of a double-precision reference.</summary>
public class GradientCheckTests
{
    public static TheoryData<string> Architectures() => new()
    {
        "linear-global-scaled-noise",
        "linear-global-direct-nonoise",
        "sigmoid-affine-global-scaled-noise",
        "mlp-amortized-direct-noise",
        "mlp-global-fixed-noise",
        "mlp-amortized-scaled-nonoise-affine-encoder",
    };

    internal static VaeArchitecture Build(string name) => name switch
    {
        "linear-global-scaled-noise" => new(6, 4, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -1f, true),
        "linear-global-direct-nonoise" => new(5, 3, [], DecoderKind.Mlp, [], EncoderVarianceKind.Global, DecoderVarianceKind.Direct, -0.5f, false),
        "sigmoid-affine-global-scaled-noise" => new(5, 3, [], DecoderKind.SigmoidAffine, [], EncoderVarianceKind.Global, DecoderVarianceKind.Scaled, -3f, true),
        "mlp-amortized-direct-noise" => new(5, 3, [7, 6], DecoderKind.Mlp, [8, 5], EncoderVarianceKind.Amortized, DecoderVarianceKind.Direct, -1f, true),
        "mlp-global-fixed-noise" => new(4, 2, [6], DecoderKind.Mlp, [7], EncoderVarianceKind.Global, DecoderVarianceKind.Fixed, 0.3f, true),
        _ => new(4, 3, [], DecoderKind.Mlp, [5], EncoderVarianceKind.Amortized, DecoderVarianceKind.Scaled, -2f, false),
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Loss_gradient_matches_finite_differences(string name)
    {
        var arch = Build(name);
        const int batch = 7;
        var model = new Vae(arch, batch, new Xoshiro256StarStar(11));
        var rng = new Xoshiro256StarStar(12);
        // Perturb every parameter so that zero-initialised biases and the l = 1 start are not special points.
        for (int i = 0; i < model.Parameters.Count; i++) model.Parameters.Values[i] += (float)(0.3 * rng.NextNormal());
        float[] x = Fill(rng, batch * arch.InputDim), xi1 = Fill(rng, batch * arch.LatentDim), xi2 = Fill(rng, batch * arch.InputDim);

        model.Parameters.ZeroGrad();
        var terms = model.Loss(x, xi1, xi2, batch, backward: true);
        var reference = new ReferenceVae(model);
        double[] p = model.Parameters.Values.Select(v => (double)v).ToArray();
        double refLoss = reference.Loss(p, x, xi1, xi2, batch);
        Assert.True(Math.Abs(terms.Loss - refLoss) < 1e-4 * (1 + Math.Abs(refLoss)), $"forward: {terms.Loss} vs reference {refLoss}");

        for (int i = 0; i < p.Length; i++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(p[i]));
            double saved = p[i];
            p[i] = saved + h;
            double plus = reference.Loss(p, x, xi1, xi2, batch);
            p[i] = saved - h;
            double minus = reference.Loss(p, x, xi1, xi2, batch);
            p[i] = saved;
            double fd = (plus - minus) / (2 * h);
            double analytic = model.Parameters.Gradients[i];
            Assert.True(Math.Abs(fd - analytic) <= 2e-3 * (1 + Math.Abs(fd)),
                $"{name}: parameter {i} ({TensorOf(model, i)}): analytic {analytic}, finite difference {fd}");
        }
    }

    [Fact]
    public void Linear_backward_input_gradient_is_g_times_W_transpose()
    {
        var store = new ParameterStore();
        var layer = new Linear(store, "l", 5, 3);
        store.Allocate(new Xoshiro256StarStar(1));
        var rng = new Xoshiro256StarStar(2);
        const int batch = 4;
        float[] x = Fill(rng, batch * 5), g = Fill(rng, batch * 3), y = new float[batch * 3], dx = new float[batch * 5];
        layer.Forward(x, y, batch);
        layer.Backward(g, dx, batch);
        var w = store.Value(layer.Weight).ToArray();
        // L = Σ g ⊙ (x W + b) is linear in x, so dL/dx = g Wᵀ exactly.
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < 5; i++)
            {
                double expected = 0;
                for (int o = 0; o < 3; o++) expected += g[b * 3 + o] * w[i * 3 + o];
                Assert.Equal(expected, dx[b * 5 + i], 4);
            }
    }

    [Fact]
    public void Linear_backward_gradients_match_finite_differences()
    {
        // L = Σ g ⊙ (x W + b), evaluated through Linear.Forward in float; central differences against dx, dW and db.
        var store = new ParameterStore();
        var layer = new Linear(store, "l", 5, 3);
        store.Allocate(new Xoshiro256StarStar(6));
        var rng = new Xoshiro256StarStar(7);
        for (int i = 0; i < store.Count; i++) store.Values[i] += (float)(0.3 * rng.NextNormal());
        const int batch = 4;
        float[] x = Fill(rng, batch * 5), g = Fill(rng, batch * 3), y = new float[batch * 3], dx = new float[batch * 5];
        layer.Forward(x, y, batch);
        store.ZeroGrad();
        layer.Backward(g, dx, batch);
        double Objective()
        {
            layer.Forward(x, y, batch);
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += (double)g[i] * y[i];
            return sum;
        }
        double Central(float[] v, int i)
        {
            const float h = 1e-2f;
            float saved = v[i];
            v[i] = saved + h;
            double plus = Objective();
            v[i] = saved - h;
            double minus = Objective();
            v[i] = saved;
            return (plus - minus) / (2 * h);
        }
        for (int i = 0; i < x.Length; i++)
        {
            double fd = Central(x, i);
            Assert.True(Math.Abs(fd - dx[i]) < 1e-3 * (1 + Math.Abs(fd)), $"input {i}: analytic {dx[i]}, fd {fd}");
        }
        for (int i = 0; i < store.Count; i++)
        {
            double fd = Central(store.Values, i);
            Assert.True(Math.Abs(fd - store.Gradients[i]) < 1e-3 * (1 + Math.Abs(fd)), $"parameter {i}: analytic {store.Gradients[i]}, fd {fd}");
        }
    }

    [Fact]
    public void Mlp_input_gradient_matches_finite_differences()
    {
        var store = new ParameterStore();
        var mlp = new Mlp(store, "m", [4, 6, 5, 3], 3);
        store.Allocate(new Xoshiro256StarStar(4));
        var rng = new Xoshiro256StarStar(5);
        const int batch = 3;
        float[] x = Fill(rng, batch * 4), g = Fill(rng, batch * 3), dx = new float[batch * 4];
        mlp.Forward(x, batch);
        mlp.Backward(g, dx, batch);
        double Objective(float[] input)
        {
            mlp.Forward(input, batch);
            double sum = 0;
            for (int i = 0; i < batch * 3; i++) sum += (double)g[i] * mlp.Output[i];
            return sum;
        }
        for (int i = 0; i < x.Length; i++)
        {
            float saved = x[i];
            const float h = 1e-2f;
            x[i] = saved + h;
            double plus = Objective(x);
            x[i] = saved - h;
            double minus = Objective(x);
            x[i] = saved;
            double fd = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(fd - dx[i]) < 2e-3 * (1 + Math.Abs(fd)), $"input {i}: analytic {dx[i]}, fd {fd}");
        }
    }

    private static string TensorOf(Vae model, int index) =>
        model.Parameters.Tensors.First(t => index >= t.Offset && index < t.Offset + t.Length).Name;

    internal static float[] Fill(Xoshiro256StarStar rng, int length)
    {
        var v = new float[length];
        for (int i = 0; i < length; i++) v[i] = (float)rng.NextNormal();
        return v;
    }
}

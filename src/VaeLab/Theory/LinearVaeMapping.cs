using MathNet.Numerics.LinearAlgebra;
using VaeLab.Diagnostics;
using VaeLab.Models;

namespace VaeLab.Theory;

/// <summary>
/// Converts between the float <see cref="Vae"/> with affine encoder and decoder, global encoder variance and
/// direct or scaled η, and <see cref="LinearVaeParameters"/>. The Vae stores weights (in, out), so B and W are transposes.
/// </summary>
public static class LinearVaeMapping
{
    /// <summary>True for an affine encoder and decoder (MLP decoder without hidden layers) with a global encoder variance.</summary>
    public static bool IsLinear(Vae model) =>
        model.Architecture is { EncoderHidden.Length: 0, DecoderHidden.Length: 0, Decoder: DecoderKind.Mlp, EncoderVariance: EncoderVarianceKind.Global };

    /// <summary>The model's parameters in double (B = encoder weightᵀ, W = decoder weightᵀ).</summary>
    public static LinearVaeParameters FromModel(Vae model)
    {
        Check(model);
        var (enc, dec, store) = Parts(model);
        int n = model.InputDim, m = model.LatentDim;
        var encW = store.Value(enc.Weight).ToArray();
        return new LinearVaeParameters(
            Matrix<double>.Build.Dense(m, n, (j, i) => encW[i * m + j]),
            Vector<double>.Build.Dense(store.Value(enc.Bias).ToArray().Select(v => (double)v).ToArray()),
            Analyzer.AffineWeights(model)!,
            Vector<double>.Build.Dense(store.Value(dec.Bias).ToArray().Select(v => (double)v).ToArray()),
            Vector<double>.Build.Dense(store.Value(model.Encoder.GlobalLogVariance!).ToArray().Select(v => (double)v).ToArray()),
            model.DecoderLogVariance);
    }

    /// <summary>Writes <paramref name="p"/> into the model's parameters (rounded to float).</summary>
    public static void ToModel(LinearVaeParameters p, Vae model)
    {
        Check(model);
        var (enc, dec, store) = Parts(model);
        int n = model.InputDim, m = model.LatentDim;
        var encW = store.Value(enc.Weight);
        var decW = store.Value(dec.Weight);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                encW[i * m + j] = (float)p.B[j, i];
                decW[j * n + i] = (float)p.W[i, j];
            }
        for (int j = 0; j < m; j++) store.Value(enc.Bias)[j] = (float)p.Bias[j];
        for (int i = 0; i < n; i++) store.Value(dec.Bias)[i] = (float)p.C[i];
        for (int j = 0; j < m; j++) store.Value(model.Encoder.GlobalLogVariance!)[j] = (float)p.L[j];
        var a = model.Architecture;
        var eta = store.Tensors.FirstOrDefault(t => t.Name.StartsWith("decoder.logVariance", StringComparison.Ordinal));
        if (a.DecoderVariance == DecoderVarianceKind.Direct) store.Value(eta!)[0] = (float)p.Eta;
        else if (a.DecoderVariance == DecoderVarianceKind.Scaled) store.Value(eta!)[0] = (float)(p.Eta / a.InitialLogVariance);
        else if (Math.Abs(p.Eta - a.InitialLogVariance) > 1e-6) throw new ArgumentException($"a fixed decoder variance cannot take eta = {p.Eta}.");
    }

    private static (Linear Encoder, Linear Decoder, ParameterStore Store) Parts(Vae model) =>
        (model.Encoder.MeanHead, ((MlpDecoder)model.Decoder).Network.Layers[0], model.Parameters);

    private static void Check(Vae model)
    {
        if (!IsLinear(model)) throw new ArgumentException("the linear theory needs an affine encoder and decoder with a global encoder variance.");
    }
}

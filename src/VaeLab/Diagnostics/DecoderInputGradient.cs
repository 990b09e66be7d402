using System.Runtime.CompilerServices;
using VaeLab.Models;
using VaeLab.Numerics;

namespace VaeLab.Diagnostics;

/// <summary>
/// dL/ds of a decoder for many dL/df at one forward pass: what a Jacobian needs, without the parameter gradients that
/// <see cref="IDecoder.Backward"/> also accumulates. For an <see cref="MlpDecoder"/> it runs the same GEMM and ReLU calls
/// as <see cref="Mlp.Forward"/> and the input-gradient half of <see cref="Mlp.Backward"/> (so every float is the one they
/// give, checked by a test); other decoders go through their own Forward and Backward, and the caller zeroes the gradients.
/// </summary>
internal sealed class DecoderInputGradient
{
    private readonly IDecoder _decoder;
    private readonly Linear[] _layers = [];
    private readonly float[][] _weights = [], _biases = [], _transposed = [], _outputs = [], _gradients = [];

    private static readonly ConditionalWeakTable<Vae, DecoderInputGradient> Cache = new();

    private DecoderInputGradient(Vae model)
    {
        _decoder = model.Decoder;
        if (model.Decoder is not MlpDecoder mlp) return;
        _layers = [.. mlp.Network.Layers];
        int layers = _layers.Length;
        _weights = new float[layers][];
        _biases = new float[layers][];
        _transposed = new float[layers][];
        _outputs = new float[layers][];
        _gradients = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            var layer = _layers[l];
            _weights[l] = new float[layer.InFeatures * layer.OutFeatures];
            _biases[l] = new float[layer.OutFeatures];
            _transposed[l] = new float[layer.InFeatures * layer.OutFeatures];
            _outputs[l] = new float[model.MaxBatch * layer.OutFeatures];
            _gradients[l] = new float[model.MaxBatch * layer.OutFeatures];
        }
    }

    /// <summary>
    /// The instance of <paramref name="model"/> (made once per model, its buffers reused by every analysis of it), with the
    /// model's current weights: call it again after the weights change.
    /// </summary>
    public static DecoderInputGradient For(Vae model)
    {
        var gradient = Cache.GetValue(model, m => new DecoderInputGradient(m));
        for (int l = 0; l < gradient._layers.Length; l++)
        {
            var layer = gradient._layers[l];
            model.Parameters.Value(layer.Weight).CopyTo(gradient._weights[l]);
            model.Parameters.Value(layer.Bias).CopyTo(gradient._biases[l]);
            Gemm.Transpose(gradient._weights[l], gradient._transposed[l], layer.InFeatures, layer.OutFeatures);
        }
        return gradient;
    }

    /// <summary>The decoder at s (batch, m); kept for the <see cref="Backward"/> calls that follow.</summary>
    public void Forward(float[] s, int batch)
    {
        if (_layers.Length == 0)
        {
            _decoder.Forward(s, batch);
            return;
        }
        float[] input = s;
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<float> y = _outputs[l].AsSpan(0, batch * _layers[l].OutFeatures);
            Gemm.MatMul(input, _weights[l], _biases[l], y, batch, _layers[l].InFeatures, _layers[l].OutFeatures, accumulate: false);
            if (l < _layers.Length - 1) Activations.Relu(y, y);
            input = _outputs[l];
        }
    }

    /// <summary>Overwrites dS (batch, m) with dOut (batch, n) pulled back through the decoder at the last <see cref="Forward"/>.</summary>
    public void Backward(ReadOnlySpan<float> dOut, Span<float> dS, int batch)
    {
        if (_layers.Length == 0)
        {
            _decoder.Backward(dOut, dS, batch);
            return;
        }
        ReadOnlySpan<float> dy = dOut;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            var layer = _layers[l];
            if (l < _layers.Length - 1)
            {
                Span<float> masked = _gradients[l].AsSpan(0, batch * layer.OutFeatures);
                Activations.ReluBackward(_outputs[l].AsSpan(0, batch * layer.OutFeatures), dy[..(batch * layer.OutFeatures)], masked);
                dy = masked;
            }
            Span<float> below = l == 0 ? dS : _gradients[l - 1].AsSpan(0, batch * layer.InFeatures);
            Gemm.MatMul(dy, _transposed[l], default, below, batch, layer.OutFeatures, layer.InFeatures, accumulate: false);
            dy = below;
        }
    }
}

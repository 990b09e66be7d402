using VaeLab.Numerics;

namespace VaeLab.Models;

/// <summary>
/// The sigmoid runs' decoder f(s) = sigmoid(W1 s + b1) + W2 s + b2: two separate affine maps to all n
/// outputs, the sigmoid applied to every coordinate. It contains the true generator of the sigmoid family.
/// </summary>
public sealed class SigmoidAffineDecoder : IDecoder
{
    private readonly Linear _gate;
    private readonly Linear _affine;
    private readonly float[] _sigmoid;
    private readonly float[] _output;
    private readonly float[] _dGate;

    /// <summary>Two affine maps from <paramref name="latentDim"/> to <paramref name="outputDim"/>, parameters under <paramref name="name"/>.sigmoid and .affine, buffers for <paramref name="maxBatch"/> rows.</summary>
    public SigmoidAffineDecoder(ParameterStore store, string name, int latentDim, int outputDim, int maxBatch)
    {
        _gate = new Linear(store, name + ".sigmoid", latentDim, outputDim);
        _affine = new Linear(store, name + ".affine", latentDim, outputDim);
        _sigmoid = new float[maxBatch * outputDim];
        _output = new float[maxBatch * outputDim];
        _dGate = new float[maxBatch * outputDim];
    }

    /// <inheritdoc/>
    public int LatentDim => _gate.InFeatures;
    /// <inheritdoc/>
    public int OutputDim => _gate.OutFeatures;
    /// <inheritdoc/>
    public float[] Output => _output;
    /// <summary>W1, b1: the affine map inside the sigmoid.</summary>
    public Linear Gate => _gate;
    /// <summary>W2, b2: the affine map added outside the sigmoid.</summary>
    public Linear Affine => _affine;

    /// <inheritdoc/>
    public void Forward(float[] s, int batch)
    {
        int size = batch * OutputDim;
        Span<float> sig = _sigmoid.AsSpan(0, size), y = _output.AsSpan(0, size);
        _gate.Forward(s, sig, batch);
        _affine.Forward(s, y, batch);
        Elementwise.SigmoidAdd(sig, y);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> dOut, Span<float> dS, int batch)
    {
        int size = batch * OutputDim;
        ReadOnlySpan<float> sig = _sigmoid.AsSpan(0, size);
        Span<float> dGate = _dGate.AsSpan(0, size);
        // d sigmoid(u)/du = sigma (1 - sigma) = sigma - sigma^2.
        Elementwise.SigmoidBackward(sig, dOut[..size], dGate);
        _gate.Backward(dGate, dS, batch);
        _affine.Backward(dOut[..size], dS, batch, accumulateDx: true);
    }
}

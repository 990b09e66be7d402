using VaeLab.Numerics;

namespace VaeLab.Models;

/// <summary>
/// Affine layer y = x·W + b. W is stored (in, out) row-major so that the forward pass is one
/// row-major GEMM; b has length out.
/// </summary>
public sealed class Linear
{
    private readonly ParameterStore _store;
    private float[] _input = [];

    /// <summary>Registers "<paramref name="name"/>.weight" (in, out) and "<paramref name="name"/>.bias" (out).</summary>
    public Linear(ParameterStore store, string name, int inFeatures, int outFeatures)
    {
        _store = store;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = store.Register(name + ".weight", [inFeatures, outFeatures], ParameterInit.LeCunTruncated, inFeatures);
        Bias = store.Register(name + ".bias", [outFeatures], ParameterInit.Zero);
    }

    /// <summary>Input features (rows of W).</summary>
    public int InFeatures { get; }
    /// <summary>Output features (columns of W, length of b).</summary>
    public int OutFeatures { get; }
    /// <summary>W, stored (in, out) row-major.</summary>
    public ParameterTensor Weight { get; }
    /// <summary>b, of length out.</summary>
    public ParameterTensor Bias { get; }

    /// <summary>
    /// y (batch, out) = x (batch, in)·W + b, or max(x·W + b, 0) with <paramref name="relu"/> (the same bits as a
    /// separate <see cref="Activations.Relu"/>, in one pass). Overwrites y; keeps a reference to x for Backward.
    /// </summary>
    public void Forward(float[] x, Span<float> y, int batch, bool relu = false)
    {
        _input = x;
        if (relu) Gemm.MatMulRelu(x, _store.Value(Weight), _store.Value(Bias), y, batch, InFeatures, OutFeatures);
        else Gemm.MatMul(x, _store.Value(Weight), _store.Value(Bias), y, batch, InFeatures, OutFeatures, accumulate: false);
    }

    /// <summary>
    /// Accumulates dW += xᵀ·dy and db += colsum(dy). If <paramref name="dx"/> is non-empty, writes
    /// dx = dy·Wᵀ (overwrites, or adds when <paramref name="accumulateDx"/>). With <paramref name="inputIsRelu"/>
    /// (x was a ReLU output; overwrite only) dx is also masked to where x > 0, as <see cref="Activations.ReluBackward"/>
    /// would, in the same pass.
    /// </summary>
    public void Backward(ReadOnlySpan<float> dy, Span<float> dx, int batch, bool accumulateDx = false, bool inputIsRelu = false)
    {
        Gemm.MatMulTransA(_input, dy, _store.Gradient(Weight), InFeatures, batch, OutFeatures, accumulate: true);
        Activations.AddColumnSums(dy, _store.Gradient(Bias), batch, OutFeatures);
        if (dx.IsEmpty) return;
        if (inputIsRelu && !accumulateDx)
            Gemm.MatMulTransBReluMask(dy, _store.Value(Weight), _input, dx, batch, OutFeatures, InFeatures);
        else if (inputIsRelu)
            throw new ArgumentException("Linear.Backward: the ReLU mask needs an overwritten dx (accumulateDx false).", nameof(inputIsRelu));
        else
            Gemm.MatMulTransB(dy, _store.Value(Weight), default, dx, batch, OutFeatures, InFeatures, accumulateDx);
    }
}

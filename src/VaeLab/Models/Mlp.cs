using VaeLab.Numerics;

namespace VaeLab.Models;

/// <summary>
/// A multilayer perceptron: Linear layers with ReLU between them (and after the last one when
/// <c>activateOutput</c>). No hidden layers makes it one affine map. Owns its activation buffers,
/// sized for <c>maxBatch</c> rows.
/// </summary>
public sealed class Mlp
{
    private readonly Linear[] _layers;
    private readonly float[][] _outputs;
    private readonly float[][] _gradients;
    private readonly bool _activateOutput;

    /// <param name="sizes">[in, hidden..., out]; at least two entries.</param>
    public Mlp(ParameterStore store, string name, IReadOnlyList<int> sizes, int maxBatch, bool activateOutput = false)
    {
        if (sizes.Count < 2) throw new ArgumentException("An MLP needs input and output sizes.", nameof(sizes));
        _activateOutput = activateOutput;
        _layers = new Linear[sizes.Count - 1];
        _outputs = new float[_layers.Length][];
        _gradients = new float[_layers.Length][];
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l] = new Linear(store, $"{name}.{l}", sizes[l], sizes[l + 1]);
            _outputs[l] = new float[maxBatch * sizes[l + 1]];
            _gradients[l] = new float[maxBatch * sizes[l + 1]];
        }
    }

    /// <summary>Input features of the first layer.</summary>
    public int InFeatures => _layers[0].InFeatures;
    /// <summary>Output features of the last layer.</summary>
    public int OutFeatures => _layers[^1].OutFeatures;
    /// <summary>The affine layers, input first.</summary>
    public IReadOnlyList<Linear> Layers => _layers;

    /// <summary>The output of the last Forward, (batch, out) row-major.</summary>
    public float[] Output => _outputs[^1];

    /// <summary>Computes Output from x (batch, in). Keeps x for Backward.</summary>
    public void Forward(float[] x, int batch)
    {
        float[] input = x;
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<float> y = _outputs[l].AsSpan(0, batch * _layers[l].OutFeatures);
            _layers[l].Forward(input, y, batch, relu: l < _layers.Length - 1 || _activateOutput);
            input = _outputs[l];
        }
    }

    /// <summary>
    /// Accumulates parameter gradients for dOut = dL/dOutput (batch, out); writes dL/dx into
    /// <paramref name="dx"/> (overwrite, or add with <paramref name="accumulateDx"/>) unless it is empty.
    /// </summary>
    public void Backward(ReadOnlySpan<float> dOut, Span<float> dx, int batch, bool accumulateDx = false)
    {
        ReadOnlySpan<float> dy = dOut;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            int size = batch * _layers[l].OutFeatures;
            // Hidden layers' gradients arrive masked (the layer above fuses the ReLU mask into its dx product); only
            // an activated output needs the mask applied here.
            if (l == _layers.Length - 1 && _activateOutput)
            {
                Span<float> masked = _gradients[l].AsSpan(0, size);
                Activations.ReluBackward(_outputs[l].AsSpan(0, size), dy[..size], masked);
                dy = masked;
            }
            if (l == 0)
            {
                _layers[0].Backward(dy, dx, batch, accumulateDx);
            }
            else
            {
                Span<float> below = _gradients[l - 1].AsSpan(0, batch * _layers[l].InFeatures);
                _layers[l].Backward(dy, below, batch, inputIsRelu: true);
                dy = below;
            }
        }
    }
}

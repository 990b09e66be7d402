namespace VaeLab.Models;

/// <summary>Decoder mean f(s) = MLP(s) with ReLU between layers; affine with no hidden layers.</summary>
public sealed class MlpDecoder : IDecoder
{
    private readonly Mlp _mlp;

    /// <summary>An MLP from <paramref name="latentDim"/> through <paramref name="hidden"/> to <paramref name="outputDim"/> (affine when hidden is empty), parameters under <paramref name="name"/>.</summary>
    public MlpDecoder(ParameterStore store, string name, int latentDim, IReadOnlyList<int> hidden, int outputDim, int maxBatch)
    {
        _mlp = new Mlp(store, name, [latentDim, .. hidden, outputDim], maxBatch);
    }

    /// <inheritdoc/>
    public int LatentDim => _mlp.InFeatures;
    /// <inheritdoc/>
    public int OutputDim => _mlp.OutFeatures;
    /// <inheritdoc/>
    public float[] Output => _mlp.Output;
    /// <summary>The MLP itself (one layer for an affine decoder).</summary>
    public Mlp Network => _mlp;
    /// <inheritdoc/>
    public void Forward(float[] s, int batch) => _mlp.Forward(s, batch);
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> dOut, Span<float> dS, int batch) => _mlp.Backward(dOut, dS, batch);
}

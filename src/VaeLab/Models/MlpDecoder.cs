namespace VaeLab.Models;

/// <summary>Decoder mean f(s) = MLP(s) with ReLU between layers; affine with no hidden layers.</summary>
public sealed class MlpDecoder : IDecoder
{
    private readonly Mlp _mlp;

    public MlpDecoder(ParameterStore store, string name, int latentDim, IReadOnlyList<int> hidden, int outputDim, int maxBatch)
    {
        _mlp = new Mlp(store, name, [latentDim, .. hidden, outputDim], maxBatch);
    }

    public int LatentDim => _mlp.InFeatures;
    public int OutputDim => _mlp.OutFeatures;
    public float[] Output => _mlp.Output;
    public Mlp Network => _mlp;
    public void Forward(float[] s, int batch) => _mlp.Forward(s, batch);
    public void Backward(ReadOnlySpan<float> dOut, Span<float> dS, int batch) => _mlp.Backward(dOut, dS, batch);
}

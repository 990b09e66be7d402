namespace VaeLab.Models;

/// <summary>
/// The encoder q(s|x) = N(mu(x), diag(exp(l))). mu is an MLP (affine with no hidden layers). The
/// log-variance l is a global vector initialised to 1, or a second head on the encoder's last hidden
/// layer (on x itself when there are no hidden layers).
/// </summary>
public sealed class Encoder
{
    private readonly ParameterStore _store;
    private readonly Mlp? _trunk;
    private readonly Linear _meanHead;
    private readonly Linear? _logVarHead;
    private readonly ParameterTensor? _globalLogVar;
    private readonly float[] _mean;
    private readonly float[] _logVar;
    private readonly float[]? _dTrunk;

    public Encoder(ParameterStore store, string name, int inputDim, IReadOnlyList<int> hidden, int latentDim,
        EncoderVarianceKind variance, int maxBatch)
    {
        _store = store;
        InputDim = inputDim;
        LatentDim = latentDim;
        Variance = variance;
        int headIn = inputDim;
        if (hidden.Count > 0)
        {
            _trunk = new Mlp(store, name + ".trunk", [inputDim, .. hidden], maxBatch, activateOutput: true);
            headIn = hidden[^1];
            _dTrunk = new float[maxBatch * headIn];
        }
        _meanHead = new Linear(store, name + ".mean", headIn, latentDim);
        if (variance == EncoderVarianceKind.Amortized)
            _logVarHead = new Linear(store, name + ".logVariance", headIn, latentDim);
        else
            _globalLogVar = store.Register(name + ".logVariance", [latentDim], ParameterInit.Constant, 1f);
        _mean = new float[maxBatch * latentDim];
        _logVar = new float[variance == EncoderVarianceKind.Amortized ? maxBatch * latentDim : latentDim];
    }

    public int InputDim { get; }
    public int LatentDim { get; }
    public EncoderVarianceKind Variance { get; }
    public Mlp? Trunk => _trunk;
    public Linear MeanHead => _meanHead;
    public ParameterTensor? GlobalLogVariance => _globalLogVar;

    /// <summary>mu(x) of the last Forward, (batch, m).</summary>
    public float[] Mean => _mean;

    /// <summary>l of the last Forward: (m) for global, (batch, m) for amortized.</summary>
    public float[] LogVariance => _logVar;

    /// <summary>Computes Mean and LogVariance for x (batch, n).</summary>
    public void Forward(float[] x, int batch)
    {
        float[] h = x;
        if (_trunk != null)
        {
            _trunk.Forward(x, batch);
            h = _trunk.Output;
        }
        _meanHead.Forward(h, _mean.AsSpan(0, batch * LatentDim), batch);
        if (_logVarHead != null) _logVarHead.Forward(h, _logVar.AsSpan(0, batch * LatentDim), batch);
        else _store.Value(_globalLogVar!).CopyTo(_logVar);
    }

    /// <summary>
    /// Accumulates parameter gradients from dMean (batch, m) and dLogVar ((batch, m) amortized, (m) global,
    /// already summed over the batch).
    /// </summary>
    public void Backward(ReadOnlySpan<float> dMean, ReadOnlySpan<float> dLogVar, int batch)
    {
        Span<float> dH = _dTrunk == null ? default : _dTrunk.AsSpan(0, batch * _meanHead.InFeatures);
        _meanHead.Backward(dMean, dH, batch);
        if (_logVarHead != null) _logVarHead.Backward(dLogVar, dH, batch, accumulateDx: true);
        else System.Numerics.Tensors.TensorPrimitives.Add(_store.Gradient(_globalLogVar!), dLogVar, _store.Gradient(_globalLogVar!));
        _trunk?.Backward(dH, default, batch);
    }
}

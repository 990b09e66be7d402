using VaeLab.Numerics;

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

    /// <summary>Registers the encoder's parameters under <paramref name="name"/> in <paramref name="store"/> and sizes its buffers for <paramref name="maxBatch"/> rows.</summary>
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

    /// <summary>n, the input dimension.</summary>
    public int InputDim { get; }
    /// <summary>m, the latent dimension.</summary>
    public int LatentDim { get; }
    /// <summary>Global (one l for all inputs) or amortized (l = l(x), a second head).</summary>
    public EncoderVarianceKind Variance { get; }
    /// <summary>The hidden layers shared by the mean and log-variance heads; null when there are none.</summary>
    public Mlp? Trunk => _trunk;
    /// <summary>The affine head producing mu(x).</summary>
    public Linear MeanHead => _meanHead;
    /// <summary>The global log-variance vector l (m); null for an amortized encoder.</summary>
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
    /// The reparameterisation of the last <see cref="Forward"/>: std = exp(l/2), expanded to (batch, m) (a global l
    /// repeated on every row), and s = mu + std ⊙ xi (fused multiply-add). Writes batch·m entries of
    /// <paramref name="std"/> and <paramref name="s"/>; <paramref name="xi"/> is standard normal noise (batch, m).
    /// </summary>
    public void Reparameterize(ReadOnlySpan<float> xi, Span<float> std, Span<float> s, int batch)
    {
        int m = LatentDim, bm = batch * m;
        std = std[..bm];
        if (Variance == EncoderVarianceKind.Amortized)
        {
            Elementwise.HalfExp(_logVar.AsSpan(0, bm), std);
        }
        else
        {
            Span<float> row = std[..m];
            Elementwise.HalfExp(_logVar.AsSpan(0, m), row);
            Elementwise.RepeatRow(std, m, batch);
        }
        Elementwise.FusedMultiplyAdd(std, xi[..bm], _mean.AsSpan(0, bm), s[..bm]);
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
        else Activations.AddColumnSums(dLogVar, _store.Gradient(_globalLogVar!), 1, LatentDim);
        _trunk?.Backward(dH, default, batch);
    }
}

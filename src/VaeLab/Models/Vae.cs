using System.Numerics.Tensors;
using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Models;

/// <summary>
/// A VAE: encoder N(mu(x), diag(exp(l))), decoder N(f(s), sigma^2 I) with log sigma^2 = eta. One flat
/// parameter buffer; all work buffers sized for <see cref="MaxBatch"/> rows and allocated once.
/// </summary>
public sealed class Vae
{
    private static readonly float HalfLog2Pi = 0.5f * MathF.Log(2f * MathF.PI);
    private readonly ParameterTensor? _eta;
    private readonly float[] _std, _s, _dF, _dS, _dMean, _dLogVar, _residual;

    /// <summary>Builds the model and initialises its parameters from the <paramref name="init"/> stream.</summary>
    public Vae(VaeArchitecture arch, int maxBatch, Xoshiro256StarStar init)
    {
        Architecture = arch;
        MaxBatch = maxBatch;
        int n = arch.InputDim, m = arch.LatentDim;
        Parameters = new ParameterStore();
        Encoder = new Encoder(Parameters, "encoder", n, arch.EncoderHidden, m, arch.EncoderVariance, maxBatch);
        Decoder = arch.Decoder == DecoderKind.SigmoidAffine
            ? new SigmoidAffineDecoder(Parameters, "decoder", m, n, maxBatch)
            : new MlpDecoder(Parameters, "decoder", m, arch.DecoderHidden, n, maxBatch);
        if (arch.DecoderVariance == DecoderVarianceKind.Scaled)
            _eta = Parameters.Register("decoder.logVarianceScale", [1], ParameterInit.Constant, 1f);
        else if (arch.DecoderVariance == DecoderVarianceKind.Direct)
            _eta = Parameters.Register("decoder.logVariance", [1], ParameterInit.Constant, arch.InitialLogVariance);
        Parameters.Allocate(init);
        _std = new float[maxBatch * m];
        _s = new float[maxBatch * m];
        _dS = new float[maxBatch * m];
        _dMean = new float[maxBatch * m];
        _dLogVar = new float[maxBatch * m];
        _dF = new float[maxBatch * n];
        _residual = new float[maxBatch * n];
    }

    /// <summary>The sizes and kinds the model was built from.</summary>
    public VaeArchitecture Architecture { get; }
    /// <summary>The most rows any buffer holds: the largest batch Loss and Decode take at once.</summary>
    public int MaxBatch { get; }
    /// <summary>n, the data dimension.</summary>
    public int InputDim => Architecture.InputDim;
    /// <summary>m, the latent dimension.</summary>
    public int LatentDim => Architecture.LatentDim;
    /// <summary>Every parameter and its gradient, in one flat buffer each.</summary>
    public ParameterStore Parameters { get; }
    /// <summary>q(s|x).</summary>
    public Encoder Encoder { get; }
    /// <summary>f(s), the decoder mean.</summary>
    public IDecoder Decoder { get; }

    /// <summary>eta = log sigma^2, the decoder log-variance.</summary>
    public float DecoderLogVariance => Architecture.DecoderVariance switch
    {
        DecoderVarianceKind.Scaled => Architecture.InitialLogVariance * Parameters.Value(_eta!)[0],
        DecoderVarianceKind.Direct => Parameters.Value(_eta!)[0],
        _ => Architecture.InitialLogVariance,
    };

    /// <summary>
    /// The batch-mean negative ELBO for x (batch, n) with reparameterisation noise xi1 (batch, m) and, when
    /// the architecture puts noise in the loss, decoder noise xi2 (batch, n):
    /// KL = -1/2 Σ_j (1 + l_j - exp(l_j) - mu_j^2); NLL = Σ_i (f(s)_i [+ sigma xi2_i] - x_i)^2 / (2 sigma^2)
    /// + n/2 (log 2π + eta). With <paramref name="backward"/>, accumulates dLoss/dθ into the gradient buffer.
    /// </summary>
    public LossTerms Loss(float[] x, ReadOnlySpan<float> xi1, ReadOnlySpan<float> xi2, int batch, bool backward)
    {
        int n = InputDim, m = LatentDim, bm = batch * m, bn = batch * n;
        bool amortized = Architecture.EncoderVariance == EncoderVarianceKind.Amortized;
        Encoder.Forward(x, batch);
        Span<float> mean = Encoder.Mean.AsSpan(0, bm);
        Span<float> logVar = Encoder.LogVariance.AsSpan(0, amortized ? bm : m);
        Span<float> std = _std.AsSpan(0, bm), s = _s.AsSpan(0, bm);

        // s = mu + exp(l/2) ⊙ xi1; KL from std = exp(l/2) (one row of it for a global l).
        Encoder.Reparameterize(xi1, std, s, batch);
        double kl = amortized
            ? 0.5 * (TensorPrimitives.SumOfSquares(std) - TensorPrimitives.Sum(logVar) - bm + TensorPrimitives.SumOfSquares(mean)) / batch
            : 0.5 * (TensorPrimitives.SumOfSquares(std[..m]) - TensorPrimitives.Sum(logVar) - m) + 0.5 * TensorPrimitives.SumOfSquares(mean) / batch;

        Decoder.Forward(_s, batch);
        float eta = DecoderLogVariance;
        float sigma2 = MathF.Exp(eta), sigma = MathF.Exp(0.5f * eta);
        Span<float> r = _residual.AsSpan(0, bn);
        Elementwise.Residual(Decoder.Output.AsSpan(0, bn), x.AsSpan(0, bn), Architecture.NoiseInLoss ? xi2[..bn] : default, sigma, r);
        double sumSquares = TensorPrimitives.SumOfSquares(r);
        double nll = sumSquares / (2.0 * sigma2 * batch) + n * (HalfLog2Pi + 0.5 * eta);
        var terms = new LossTerms(kl + nll, kl, nll);
        if (backward) Backward(xi1, xi2, batch, sumSquares, sigma, sigma2);
        return terms;
    }

    private void Backward(ReadOnlySpan<float> xi1, ReadOnlySpan<float> xi2, int batch, double sumSquares, float sigma, float sigma2)
    {
        int n = InputDim, m = LatentDim, bm = batch * m, bn = batch * n;
        bool amortized = Architecture.EncoderVariance == EncoderVarianceKind.Amortized;
        Span<float> r = _residual.AsSpan(0, bn), dF = _dF.AsSpan(0, bn), dS = _dS.AsSpan(0, bm);
        Span<float> dMean = _dMean.AsSpan(0, bm), dLogVar = _dLogVar.AsSpan(0, bm), std = _std.AsSpan(0, bm);

        // dNLL/deta = n/2 - SS/(2 sigma^2 B) [+ Σ r xi2 sigma / (2 sigma^2 B) through the noise term].
        if (_eta is not null)
        {
            double dEta = 0.5 * n - sumSquares / (2.0 * sigma2 * batch);
            if (Architecture.NoiseInLoss) dEta += TensorPrimitives.Dot(r, xi2[..bn]) * sigma / (2.0 * sigma2 * batch);
            float scale = Architecture.DecoderVariance == DecoderVarianceKind.Scaled ? Architecture.InitialLogVariance : 1f;
            Parameters.Gradient(_eta)[0] += (float)(dEta * scale);
        }

        Elementwise.Scale(r, 1f / (sigma2 * batch), dF);
        Decoder.Backward(dF, dS, batch);

        // dL/dmu = dS + mu/B; dL/dl = dS ⊙ xi1 ⊙ std / 2 [+ (exp(l) - 1) / (2B) per sample when amortized, exp(l) = std^2].
        float invBatch = 1f / batch;
        Elementwise.LatentGradients(dS, xi1[..bm], std, Encoder.Mean.AsSpan(0, bm), invBatch, amortized, dMean, dLogVar);
        if (amortized)
        {
            Encoder.Backward(dMean, dLogVar, batch);
        }
        else
        {
            // Global l: sum the rows in order (row 0 first), then the KL part once.
            Span<float> total = dLogVar[..m];
            Activations.AddColumnSums(dLogVar[m..], total, batch - 1, m);
            for (int j = 0; j < m; j++) total[j] += 0.5f * (std[j] * std[j] - 1f);
            Encoder.Backward(dMean, total, batch);
        }
    }

    /// <summary>Writes f(s) for latents s (count, m) into x (count, n), in chunks of MaxBatch. Overwrites x.</summary>
    public void Decode(ReadOnlySpan<float> latents, Span<float> x, int count)
    {
        int m = LatentDim, n = InputDim;
        for (int start = 0; start < count; start += MaxBatch)
        {
            int rows = Math.Min(MaxBatch, count - start);
            latents.Slice(start * m, rows * m).CopyTo(_s);
            Decoder.Forward(_s, rows);
            Decoder.Output.AsSpan(0, rows * n).CopyTo(x.Slice(start * n, rows * n));
        }
    }
}

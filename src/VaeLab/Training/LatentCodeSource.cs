using System.Numerics.Tensors;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Training;

/// <summary>
/// Stage-2 data of the two-stage VAE: z ~ q(z|x) = N(mu(x), diag(exp(l(x)))) from a trained stage-1 model, for
/// fresh x from the stage-1 data source. It runs the stage-1 encoder in place: every <see cref="Sample"/> overwrites
/// the stage-1 model's encoder buffers (Mean, LogVariance), so stage 1 must not be evaluated while stage-2 data is
/// drawn (its parameters are left untouched).
/// </summary>
/// <remarks>
/// z = mu + exp(l/2) ⊙ xi is written here rather than through <see cref="Encoder.Reparameterize"/>, which the
/// training loss uses: that one fuses the multiply-add and exponentiates with TensorPrimitives, so calling it would
/// change every stage-2 run in the last float bit. Stage-2 files stay byte-identical to earlier runs this way.
/// </remarks>
public sealed class LatentCodeSource : IDataSource
{
    private readonly Vae _stage1;
    private readonly IDataSource _data;
    private readonly float[] _x, _noise, _globalStd;

    /// <param name="stage1">a trained model sized for batches of at least <paramref name="maxBatch"/>; only its encoder is used.</param>
    public LatentCodeSource(Vae stage1, IDataSource data, int maxBatch)
    {
        if (stage1.MaxBatch < maxBatch) throw new ArgumentException($"stage-1 model buffers hold {stage1.MaxBatch} rows, need {maxBatch}.");
        _stage1 = stage1;
        _data = data;
        _x = new float[maxBatch * data.AmbientDim];
        _noise = new float[maxBatch * stage1.LatentDim];
        _globalStd = new float[stage1.LatentDim];
    }

    /// <summary>m of stage 1: the dimension of a latent code.</summary>
    public int AmbientDim => _stage1.LatentDim;

    /// <summary>Overwrites z (count, m) with codes z ~ q(z|x) of fresh stage-1 data x; overwrites the stage-1 encoder buffers.</summary>
    public void Sample(Span<float> z, int count, NormalSampler normal)
    {
        int m = _stage1.LatentDim, size = count * m;
        _data.Sample(_x, count, normal);
        _stage1.Encoder.Forward(_x, count);
        Span<float> std = _noise.AsSpan(0, size);
        normal.Fill(std);
        bool amortized = _stage1.Architecture.EncoderVariance == EncoderVarianceKind.Amortized;
        var logVar = _stage1.Encoder.LogVariance;
        Span<float> codes = z[..size];
        // z = mu + exp(l/2) ⊙ xi, row by row for a global l (whose m standard deviations are computed once per batch).
        if (!amortized)
            for (int j = 0; j < m; j++) _globalStd[j] = MathF.Exp(0.5f * logVar[j]);
        for (int b = 0; b < count; b++)
        {
            Span<float> row = codes.Slice(b * m, m), xi = std.Slice(b * m, m);
            if (!amortized)
            {
                TensorPrimitives.Multiply(_globalStd, xi, row);
                continue;
            }
            ReadOnlySpan<float> l = logVar.AsSpan(b * m, m);
            for (int j = 0; j < m; j++) row[j] = MathF.Exp(0.5f * l[j]) * xi[j];
        }
        TensorPrimitives.Add(codes, _stage1.Encoder.Mean.AsSpan(0, size), codes);
    }
}

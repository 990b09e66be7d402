using VaeLab.Dimension;
using VaeLab.Models;

namespace VaeLab.Diagnostics;

/// <summary>
/// The dimension a trained VAE sees at each true point x: the local rank of the decoder Jacobian J(μ(x)) (singular
/// values above a relative threshold x the largest, SCIENCE.md section 5) with its whole spectrum, and the latents
/// active at x (encoder variance below the active threshold: per point for an amortized encoder, the same count
/// everywhere for a global one).
/// </summary>
public sealed record VaeLocalDimension(DimensionEstimate LocalRank, DimensionEstimate ActiveLatents, double[][] Spectra,
    double RankThreshold, double ActiveThreshold, bool Amortized)
{
    /// <summary>Measures the model at every row of x (count, n); the model's buffers are reused, its gradients left zeroed.</summary>
    public static VaeLocalDimension Measure(Vae model, float[] x, int count, double rankThreshold, double activeThreshold)
    {
        int n = model.InputDim, m = model.LatentDim, batch = model.MaxBatch;
        if (x.Length < (long)count * n) throw new ArgumentException($"x holds {x.Length} values, fewer than {count} x {n}.");
        bool amortized = model.Architecture.EncoderVariance == EncoderVarianceKind.Amortized;
        var ranks = new double[count];
        var active = new double[count];
        var spectra = new double[count][];
        var chunk = new float[batch * n];
        var means = new float[batch * m];
        double logThreshold = Math.Log(activeThreshold);
        for (int start = 0; start < count; start += batch)
        {
            int b = Math.Min(batch, count - start);
            Array.Clear(chunk);
            x.AsSpan(start * n, b * n).CopyTo(chunk);
            model.Encoder.Forward(chunk, b);
            model.Encoder.Mean.AsSpan(0, b * m).CopyTo(means);
            var logVar = model.Encoder.LogVariance;
            for (int p = 0; p < b; p++)
            {
                int on = 0;
                for (int j = 0; j < m; j++)
                    if (logVar[(amortized ? p * m : 0) + j] < logThreshold) on++;
                active[start + p] = on;
            }
            var batchSpectra = DecoderJacobian.SpectraAt(model, means, b);
            for (int p = 0; p < b; p++)
            {
                spectra[start + p] = batchSpectra[p];
                ranks[start + p] = LinearAlgebra.Rank(batchSpectra[p], rankThreshold);
            }
        }
        return new VaeLocalDimension(
            new DimensionEstimate("vae-rank", Median(ranks), ranks),
            new DimensionEstimate("vae-active", Median(active), active),
            spectra, rankThreshold, activeThreshold, amortized);
    }

    /// <summary>The median (mean of the middle two for an even count); NaN when empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Where(d => !double.IsNaN(d)).Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>The model's population negative ELBO without decoder noise inside the square (comparable with a likelihood).</summary>
public static class NoiseFreeLoss
{
    /// <summary>
    /// Mean and standard error of KL + Σ (f(s) − x)²/(2σ²) + n/2 (log 2π + η) over <paramref name="count"/> fresh samples of
    /// <paramref name="data"/>, streams "outcome-data" and "outcome-noise" of <paramref name="seed"/>. The authors' noise
    /// inside the square only adds n/2 in expectation, so it is left out here: the result is a proper bound on −log p(x).
    /// </summary>
    public static (double Mean, double StandardError) Estimate(Vae vae, IDataSource data, int count, ulong seed)
    {
        var dataRng = RngStreams.Normal(seed, "outcome-data");
        var noise = RngStreams.Normal(seed, "outcome-noise");
        int batch = vae.MaxBatch;
        var x = new float[batch * vae.InputDim];
        var xi1 = new float[batch * vae.LatentDim];
        var xi2 = new float[batch * vae.InputDim];
        double sum = 0, squares = 0;
        int done = 0, batches = 0;
        while (done < count)
        {
            int rows = Math.Min(batch, count - done);
            data.Sample(x, rows, dataRng);
            noise.Fill(xi1.AsSpan(0, rows * vae.LatentDim));
            double loss = vae.Loss(x, xi1, xi2, rows, backward: false).Loss;
            sum += loss * rows;
            squares += loss * loss * rows;
            done += rows;
            batches++;
        }
        double mean = sum / count;
        double variance = Math.Max(0, squares / count - mean * mean);
        return (mean, batches > 1 ? Math.Sqrt(variance / (batches - 1)) : double.NaN);
    }
}

using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Training;

/// <summary>Monte Carlo estimate of the population negative ELBO on fresh samples.</summary>
public static class LossEstimator
{
    /// <summary>
    /// Mean loss terms over <paramref name="count"/> fresh samples (streams "STREAMS-data" and "STREAMS-noise" of
    /// <paramref name="seed"/>, <paramref name="streams"/> "eval" by default), with the standard error of the loss.
    /// With <paramref name="decoderNoise"/> false the decoder noise inside the square is left at 0.
    /// </summary>
    public static (LossTerms Mean, double StandardError) Estimate(Vae vae, IDataSource family, int count, ulong seed, string streams = "eval",
        bool decoderNoise = true)
    {
        var data = RngStreams.Normal(seed, streams + "-data");
        var noise = RngStreams.Normal(seed, streams + "-noise");
        int batch = vae.MaxBatch;
        var x = new float[batch * vae.InputDim];
        var xi1 = new float[batch * vae.LatentDim];
        var xi2 = new float[batch * vae.InputDim];
        double loss = 0, kl = 0, nll = 0, lossSquares = 0;
        int done = 0;
        while (done < count)
        {
            int rows = Math.Min(batch, count - done);
            family.Sample(x, rows, data);
            noise.Fill(xi1.AsSpan(0, rows * vae.LatentDim));
            if (decoderNoise) noise.Fill(xi2.AsSpan(0, rows * vae.InputDim));
            var t = vae.Loss(x, xi1, xi2, rows, backward: false);
            loss += t.Loss * rows; kl += t.Kl * rows; nll += t.Nll * rows;
            lossSquares += t.Loss * t.Loss * rows;
            done += rows;
        }
        double mean = loss / count;
        // Batch means are the units here: their spread gives the standard error of the overall mean.
        int batches = (count + batch - 1) / batch;
        double variance = Math.Max(0, lossSquares / count - mean * mean);
        double se = batches > 1 ? Math.Sqrt(variance / (batches - 1)) : double.NaN;
        return (new LossTerms(mean, kl / count, nll / count), se);
    }
}

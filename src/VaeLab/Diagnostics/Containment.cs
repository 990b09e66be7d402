using VaeLab.Models;

namespace VaeLab.Diagnostics;

/// <summary>How far true points lie from the learned manifold: the noise-free reconstruction error through the encoder mean.</summary>
public static class Containment
{
    /// <summary>
    /// c = mean over the <paramref name="count"/> rows x of <paramref name="truth"/> (count, n) of ‖x − f(μ(x))‖², divided by
    /// <paramref name="signal"/> = E‖x‖². f(μ(x)) is a point of the learned manifold, so c bounds the true data's mean squared
    /// distance to it from above.
    /// </summary>
    public static double Measure(Vae model, ReadOnlySpan<float> truth, int count, double signal)
    {
        int n = model.InputDim, m = model.LatentDim, batch = model.MaxBatch;
        var x = new float[batch * n];
        var mu = new float[batch * m];
        var recon = new float[batch * n];
        double sum = 0;
        for (int start = 0; start < count; start += batch)
        {
            int rows = Math.Min(batch, count - start);
            truth.Slice(start * n, rows * n).CopyTo(x);
            model.Encoder.Forward(x, rows);
            model.Encoder.Mean.AsSpan(0, rows * m).CopyTo(mu);
            model.Decode(mu, recon, rows);
            for (int i = 0; i < rows * n; i++)
            {
                double e = (double)x[i] - recon[i];
                sum += e * e;
            }
        }
        return sum / count / signal;
    }
}

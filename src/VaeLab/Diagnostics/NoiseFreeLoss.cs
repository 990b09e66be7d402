using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Training;

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
        var (mean, se) = LossEstimator.Estimate(vae, data, count, seed, streams: "outcome", decoderNoise: false);
        return (mean.Loss, se);
    }
}

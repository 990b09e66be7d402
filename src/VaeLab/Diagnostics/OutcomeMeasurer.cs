using VaeLab.Data;
using VaeLab.Models;

namespace VaeLab.Diagnostics;

/// <summary>Measures what the outcome judge (VaeLab.Claims.OutcomeJudge) needs on a trained model.</summary>
public static class OutcomeMeasurer
{
    /// <summary>
    /// Containment on the true points <paramref name="truth"/> (count, n), the noise-free loss on as many fresh samples (streams of
    /// <paramref name="seed"/>) and the isotropic Gaussian fit of <paramref name="truth"/>; the outcome is left for the judge.
    /// <paramref name="excess"/> is the generated points' noise-free off-manifold error / E‖x‖²; <paramref name="signal"/> is E‖x‖².
    /// </summary>
    public static OutcomeMeasurement Measure(Vae model, DataFamily family, float[] truth, double signal, double excess, int activeLatents, ulong seed)
    {
        int n = family.AmbientDim, count = truth.Length / n;
        double c = Containment.Measure(model, truth, count, signal);
        var (loss, se) = NoiseFreeLoss.Estimate(model, family, count, seed);
        double gaussian = IsotropicGaussianFit.NegativeLogLikelihood(truth, n);
        return new OutcomeMeasurement
        {
            Containment = c, Excess = excess, ActiveLatents = activeLatents, Loss = loss, LossStandardError = se, GaussianLoss = gaussian, TruePoints = count,
        };
    }
}

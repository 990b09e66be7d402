using VaeLab.Claims;
using VaeLab.Data;
using VaeLab.Models;

namespace VaeLab.Diagnostics;

/// <summary>Measures what <see cref="OutcomeJudge"/> needs on a trained model and judges its outcome.</summary>
public static class OutcomeMeasurer
{
    /// <summary>
    /// Containment on the true points <paramref name="truth"/> (count, n), the noise-free loss on as many fresh samples (streams of
    /// <paramref name="seed"/>), the isotropic Gaussian fit of <paramref name="truth"/>, and the outcome at thresholds <paramref name="t"/>.
    /// <paramref name="excess"/> is the generated points' noise-free off-manifold error / E‖x‖²; <paramref name="signal"/> is E‖x‖².
    /// </summary>
    public static OutcomeMeasurement Measure(Vae model, DataFamily family, float[] truth, double signal, double excess, int activeLatents,
        OutcomeThresholds t, ulong seed)
    {
        int n = family.AmbientDim, count = truth.Length / n;
        double c = Containment.Measure(model, truth, count, signal);
        var (loss, se) = NoiseFreeLoss.Estimate(model, family, count, seed);
        double gaussian = IsotropicGaussianFit.NegativeLogLikelihood(truth, n);
        return OutcomeJudge.Judge(c, excess, activeLatents, loss, se, gaussian, t, count);
    }
}

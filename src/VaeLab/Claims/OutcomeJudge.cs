using System.Globalization;
using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>Turns the measurements of a run into its <see cref="RunOutcome"/> (SCIENCE.md section 9).</summary>
public static class OutcomeJudge
{
    /// <summary>
    /// collapsed when <paramref name="activeLatents"/> = 0 or loss &gt; gaussianLoss − max(margin, 3 se); otherwise correct
    /// when e &lt; τ_e, strict-superset when c &lt; τ_c, wrong else.
    /// </summary>
    public static OutcomeMeasurement Judge(double containment, double excess, int activeLatents, double loss, double lossStandardError,
        double gaussianLoss, OutcomeThresholds t, int truePoints = 0)
    {
        double margin = Math.Max(t.CollapseMarginNats, double.IsFinite(lossStandardError) ? 3 * lossStandardError : 0);
        RunOutcome outcome;
        string reason;
        if (activeLatents == 0)
            (outcome, reason) = (RunOutcome.Collapsed, "no active latent");
        else if (!(loss < gaussianLoss - margin))
            (outcome, reason) = (RunOutcome.Collapsed, $"loss {G(loss)} is not {G(margin)} nats below the isotropic Gaussian fit {G(gaussianLoss)}");
        else if (excess < t.Excess)
            (outcome, reason) = (RunOutcome.Correct, $"e = {G(excess)} < τ_e = {G(t.Excess)}");
        else if (containment < t.Containment)
            (outcome, reason) = (RunOutcome.StrictSuperset, $"c = {G(containment)} < τ_c = {G(t.Containment)} and e = {G(excess)} ≥ τ_e = {G(t.Excess)}");
        else
            (outcome, reason) = (RunOutcome.Wrong, $"c = {G(containment)} ≥ τ_c = {G(t.Containment)} and e = {G(excess)} ≥ τ_e = {G(t.Excess)}");
        return new OutcomeMeasurement
        {
            Outcome = outcome, Containment = containment, Excess = excess, ActiveLatents = activeLatents, Loss = loss,
            LossStandardError = lossStandardError, GaussianLoss = gaussianLoss, CollapseMargin = margin,
            ContainmentThreshold = t.Containment, ExcessThreshold = t.Excess, TruePoints = truePoints, Reason = reason,
        };
    }

    /// <summary>A measurement judged (or judged again) at thresholds <paramref name="t"/>; the collapse test does not depend on τ_c, τ_e.</summary>
    public static OutcomeMeasurement Judge(OutcomeMeasurement m, OutcomeThresholds t) =>
        Judge(m.Containment, m.Excess, m.ActiveLatents, m.Loss, m.LossStandardError, m.GaussianLoss, t, m.TruePoints);

    /// <summary>The same run judged again at other thresholds.</summary>
    public static OutcomeMeasurement Rejudge(OutcomeMeasurement m, OutcomeThresholds t) => Judge(m, t);

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}

using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>The thresholds that turn containment, excess and the loss into a <see cref="RunOutcome"/> (SCIENCE.md section 9).</summary>
/// <param name="Containment">τ_c: true data count as on the learned manifold when c &lt; τ_c (relative to E‖x‖²; default 1e-3).</param>
/// <param name="Excess">τ_e: generated data count as on the true manifold when e &lt; τ_e (relative to E‖x‖²; default 1e-3).</param>
/// <param name="CollapseMarginNats">the loss must be at least this many nats per sample (and 3 standard errors) below the best
/// isotropic Gaussian fit for the run to count as trained (default 1).</param>
public sealed record OutcomeThresholds(double Containment = 1e-3, double Excess = 1e-3, double CollapseMarginNats = 1.0)
{
    /// <summary>The same thresholds with τ_c and τ_e multiplied by <paramref name="factor"/> (threshold sensitivity).</summary>
    public OutcomeThresholds Scaled(double factor) => this with { Containment = Containment * factor, Excess = Excess * factor };
}

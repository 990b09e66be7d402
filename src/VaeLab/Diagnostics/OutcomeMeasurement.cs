namespace VaeLab.Diagnostics;

/// <summary>
/// The outcome of one run with every number that decides it (diagnostics.json "outcome"). Diagnostics measures; the judge
/// (VaeLab.Claims.OutcomeJudge) fills in the outcome, the thresholds and the reason. Relative quantities are divided by E‖x‖² in closed form.
/// </summary>
public sealed record OutcomeMeasurement
{
    /// <summary>Null until judged.</summary>
    public RunOutcome? Outcome { get; init; }
    /// <summary>c = E‖x − f(μ(x))‖² / E‖x‖² over true x, noise-free: an upper bound on the true data's distance to the learned manifold.</summary>
    public double Containment { get; init; }
    /// <summary>e = noise-free off-manifold error of generated points / E‖x‖².</summary>
    public double Excess { get; init; }
    /// <summary>Encoder latents with variance below the run's active threshold.</summary>
    public int ActiveLatents { get; init; }
    /// <summary>The model's population negative ELBO (no decoder noise inside the square), nats per sample.</summary>
    public double Loss { get; init; }
    /// <summary>Standard error of <see cref="Loss"/>.</summary>
    public double LossStandardError { get; init; }
    /// <summary>The negative log-likelihood of the best isotropic Gaussian N(mean, s² I), s² = E‖x − mean‖²/n: n/2 (log 2π s² + 1).</summary>
    public double GaussianLoss { get; init; }
    /// <summary>The margin the loss had to clear: max(collapse margin, 3 standard errors).</summary>
    public double CollapseMargin { get; init; }
    /// <summary>τ_c, the containment threshold the judge used.</summary>
    public double ContainmentThreshold { get; init; }
    /// <summary>τ_e, the excess threshold the judge used.</summary>
    public double ExcessThreshold { get; init; }
    /// <summary>The number of true points behind <see cref="Containment"/>.</summary>
    public int TruePoints { get; init; }
    /// <summary>One sentence: which test decided the outcome, with its numbers.</summary>
    public string Reason { get; init; } = "";

    /// <summary>False for a collapsed run: it is reported, never counted for or against a claim.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Trained => Outcome is not null and not RunOutcome.Collapsed;
}

namespace VaeLab.Claims;

/// <summary>
/// Every threshold a claim verdict uses (SCIENCE.md sections 5, 6, 9), defaults as specified. Threshold sensitivity judges the
/// claims again with one of them scaled (<see cref="Scaled"/>).
/// </summary>
/// <param name="Rank">C1: a singular value counts toward the rank above this x the largest (1e-2).</param>
/// <param name="SupportError">C2: noise-free off-manifold error / E‖x‖² below this (1e-4).</param>
/// <param name="SupportAngleDegrees">C2: largest principal angle below this, degrees (1).</param>
/// <param name="CovarianceError">C3: relative covariance error above this (0.05).</param>
/// <param name="VarianceRatio">C4: final σ² / initial σ² below this (1e-3).</param>
/// <param name="Active">C5: an encoder variance below this makes a latent active (0.05).</param>
/// <param name="Containment">C6 (outcome): τ_c (1e-3).</param>
/// <param name="Excess">C6 (outcome): τ_e (1e-3).</param>
/// <param name="MmdReference">C7: MMD² above this x the 99th percentile of the reference band (1).</param>
/// <param name="Repair">C8: two-stage density error at most this x vanilla's (0.5).</param>
/// <param name="Tolerance">C9: two-stage off-manifold error counts as lower than vanilla's only when below it by more than this many
/// standard errors of the difference (3).</param>
public sealed record ClaimThresholds(
    double Rank = 1e-2,
    double SupportError = 1e-4,
    double SupportAngleDegrees = 1,
    double CovarianceError = 0.05,
    double VarianceRatio = 1e-3,
    double Active = 0.05,
    double Containment = 1e-3,
    double Excess = 1e-3,
    double MmdReference = 1,
    double Repair = 0.5,
    double Tolerance = 3)
{
    /// <summary>The thresholds each claim uses, by the names <see cref="Scaled"/> takes.</summary>
    public static IReadOnlyList<string> UsedBy(string claim) => claim switch
    {
        "C1" => ["rank"],
        "C2" => ["supportError", "supportAngle"],
        "C3" => ["covarianceError"],
        "C4" => ["varianceRatio"],
        "C5" => ["active"],
        "C6" => ["containment", "excess"],
        "C7" => ["mmdReference"],
        "C8" => ["repair"],
        "C9" => ["tolerance"],
        _ => [],
    };

    /// <summary>A copy with threshold <paramref name="name"/> multiplied by <paramref name="factor"/>.</summary>
    public ClaimThresholds Scaled(string name, double factor) => name switch
    {
        "rank" => this with { Rank = Rank * factor },
        "supportError" => this with { SupportError = SupportError * factor },
        "supportAngle" => this with { SupportAngleDegrees = SupportAngleDegrees * factor },
        "covarianceError" => this with { CovarianceError = CovarianceError * factor },
        "varianceRatio" => this with { VarianceRatio = VarianceRatio * factor },
        "active" => this with { Active = Active * factor },
        "containment" => this with { Containment = Containment * factor },
        "excess" => this with { Excess = Excess * factor },
        "mmdReference" => this with { MmdReference = MmdReference * factor },
        "repair" => this with { Repair = Repair * factor },
        "tolerance" => this with { Tolerance = Tolerance * factor },
        _ => throw new ArgumentException($"unknown threshold '{name}'."),
    };

    /// <summary>τ_c and τ_e as outcome thresholds.</summary>
    public OutcomeThresholds Outcome(OutcomeThresholds basis) => basis with { Containment = Containment, Excess = Excess };
}

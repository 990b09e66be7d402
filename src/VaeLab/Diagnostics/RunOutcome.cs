using System.Text.Json.Serialization;

namespace VaeLab.Diagnostics;

/// <summary>
/// What a run learned (SCIENCE.md section 9), from containment c (true data on the learned manifold) and excess e
/// (generated data off the true manifold). Written to JSON and CSV as the lower-case names below.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunOutcome>))]
public enum RunOutcome
{
    /// <summary>Did not train: no active latent, or the loss is not clearly below the best isotropic Gaussian fit.</summary>
    [JsonStringEnumMemberName("collapsed")] Collapsed,
    /// <summary>e &lt; τ_e: the generated data lie on the true manifold.</summary>
    [JsonStringEnumMemberName("correct")] Correct,
    /// <summary>c &lt; τ_c and e ≥ τ_e: the true data lie on the learned manifold, which has more.</summary>
    [JsonStringEnumMemberName("strict-superset")] StrictSuperset,
    /// <summary>c ≥ τ_c and e ≥ τ_e: neither manifold contains the other.</summary>
    [JsonStringEnumMemberName("wrong")] Wrong,
}

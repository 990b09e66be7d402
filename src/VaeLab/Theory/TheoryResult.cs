using VaeLab.Diagnostics;

namespace VaeLab.Theory;

/// <summary>Everything `vaelab theory linear` computes; C10 and C11 are null until judged by VaeLab.Claims.TheoryClaims.</summary>
public sealed record TheoryResult(TheorySettings Settings, int Rank, double[] Sigma2Grid, SupersetRow[] Superset,
    IReadOnlyDictionary<string, IReadOnlyList<FlowSnapshot>> Trajectories)
{
    /// <summary>The verdict on C10 (superset optima), or null before judging.</summary>
    public ClaimVerdict? C10 { get; init; }

    /// <summary>The verdict on C11 (gradient flow back to rank r), or null before judging.</summary>
    public ClaimVerdict? C11 { get; init; }

    /// <summary>C3 in closed form: the generated covariance error ‖W Wᵀ − S‖_F / ‖S‖_F along the gradient flow from the random start.</summary>
    public IReadOnlyList<DensityFlowPoint> Density { get; init; } = [];
}

using VaeLab.Diagnostics;
using VaeLab.Theory;

namespace VaeLab.Claims;

/// <summary>Judges the claims of the linear theory: C10 (higher-rank optima exist) and C11 (gradient flow returns to rank r).</summary>
public static class TheoryClaims
{
    /// <summary>The theory experiment: runs it and judges C10 and C11 on its result.</summary>
    public static TheoryResult Run(TheorySettings settings, Action<string>? status = null) => Judge(TheoryExperiment.Run(settings, status));

    /// <summary>The result with its verdicts on C10 and C11.</summary>
    public static TheoryResult Judge(TheoryResult result) =>
        result with { C10 = JudgeC10(result.Superset), C11 = JudgeC11(result.Trajectories, result.Rank) };

    /// <summary>C10 holds when every fitted slope is within 2% of -(n - r - s)/2 &lt; 0 and the s &gt; 0 optima leave the subspace.</summary>
    public static ClaimVerdict JudgeC10(IReadOnlyList<SupersetRow> rows)
    {
        bool holds = rows.All(x => Math.Abs(x.FittedSlope - x.PredictedSlope) <= 0.02 * Math.Abs(x.PredictedSlope) && x.PredictedSlope < 0)
            && rows.Where(x => x.Extra > 0).All(x => x.OffSubspaceEnergy > 0.1);
        string text = string.Join("; ", rows.Select(x => $"s = {x.Extra}: slope {ClaimRules.G(x.FittedSlope)} (predicted {ClaimRules.G(x.PredictedSlope)}), off-subspace energy {ClaimRules.G(x.OffSubspaceEnergy)}"));
        return new ClaimVerdict("C10", holds ? ClaimRules.Holds : ClaimRules.Fails, text, "fitted slope within 2% of -(n - r - s)/2 < 0, and s > 0 samples leave the subspace");
    }

    /// <summary>C11 holds when, from the superset start, σ_{r+1}/σ_1 ends below 1e-2 and falls tenfold.</summary>
    public static ClaimVerdict JudgeC11(IReadOnlyDictionary<string, IReadOnlyList<FlowSnapshot>> paths, int r)
    {
        string Describe(string key)
        {
            var p = paths[key];
            double start = p[0].SingularValues[r] / p[0].SingularValues[0], end = p[^1].SingularValues[r] / p[^1].SingularValues[0];
            return $"{key}: σ_{r + 1}/σ_1 {ClaimRules.G(start)} -> {ClaimRules.G(end)}, off-subspace ‖(I-P)W‖ {ClaimRules.G(p[0].OffSubspaceNorm)} -> {ClaimRules.G(p[^1].OffSubspaceNorm)}";
        }
        var flow = paths[TheoryExperiment.FlowSuperset];
        double first = flow[0].SingularValues[r] / flow[0].SingularValues[0], last = flow[^1].SingularValues[r] / flow[^1].SingularValues[0];
        bool holds = last < 1e-2 && last < 0.1 * first;
        string text = string.Join("; ", paths.Keys.Select(Describe));
        return new ClaimVerdict("C11", holds ? ClaimRules.Holds : ClaimRules.Fails, text, "from the superset start, σ_{r+1}/σ_1 ends < 1e-2 and falls 10x");
    }
}

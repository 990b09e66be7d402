using VaeLab.Grids;
using VaeLab.Theory;

namespace VaeLab.Reporting;

/// <summary>What `vaelab reproduce` produced: every grid run's outcome, the records of the finished runs, and the linear theory.</summary>
public sealed record ReproductionResult(IReadOnlyList<GridRunOutcome> Outcomes, IReadOnlyList<RunRecord> Records, TheoryResult Theory)
{
    /// <summary>The outcomes whose run failed.</summary>
    public GridRunOutcome[] Failed => [.. Outcomes.Where(x => x.Status == "failed")];
}

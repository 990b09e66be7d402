using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>
/// Tallies claims and outcomes over runs (SCIENCE.md section 9): collapsed runs are counted apart, every fraction carries its
/// Wilson interval, and each claim is tallied again at 0.1x, 0.5x, 2x and 10x of each threshold it uses.
/// </summary>
public static class ClaimTallies
{
    /// <summary>The factors of threshold sensitivity.</summary>
    public static readonly double[] Factors = [0.1, 0.5, 2, 10];

    /// <summary>The grids in report order.</summary>
    public static readonly string[] Grids = ["linear", "sigmoid", "sphere"];

    /// <summary>
    /// <paramref name="claim"/> over <paramref name="runs"/> at each run's own thresholds, optionally with threshold
    /// <paramref name="scaled"/> multiplied by <paramref name="factor"/>. Runs where the claim is n/a are left out.
    /// </summary>
    public static Proportion Count(IEnumerable<JudgedRun> runs, string claim, string? scaled = null, double factor = 1) =>
        Count(runs, claim, scaled, factor, out _);

    private static Proportion Count(IEnumerable<JudgedRun> runs, string claim, string? scaled, double factor, out int collapsed)
    {
        int holds = 0, trials = 0;
        collapsed = 0;
        foreach (var run in runs)
        {
            var t = ClaimRules.ThresholdsOf(run.Diagnostics);
            if (scaled != null) t = t.Scaled(scaled, factor);
            string? status = ClaimRules.Evaluate(run.Diagnostics, t).FirstOrDefault(v => v.Id == claim)?.Status;
            if (status == ClaimRules.Collapsed) collapsed++;
            else if (status is ClaimRules.Holds or ClaimRules.Fails)
            {
                trials++;
                if (status == ClaimRules.Holds) holds++;
            }
        }
        return Proportion.Of(holds, trials);
    }

    /// <summary>The tally of <paramref name="claim"/> over the runs of one grid (and one configuration when given).</summary>
    public static ClaimTally Tally(IEnumerable<JudgedRun> runs, string claim, string grid, string? configuration = null)
    {
        var selected = runs.Where(r => r.Grid == grid && (configuration == null || r.Configuration == configuration)).ToArray();
        var holds = Count(selected, claim, null, 1, out int collapsed);
        return new ClaimTally(claim, grid, configuration, holds, collapsed);
    }

    /// <summary>The claims table of one grid: C1..C9 with intervals and threshold sensitivity.</summary>
    public static IReadOnlyList<ClaimSummary> Summaries(IReadOnlyList<JudgedRun> runs, string grid)
    {
        var selected = runs.Where(r => r.Grid == grid).ToArray();
        var list = new List<ClaimSummary>();
        foreach (var c in ClaimRules.Definitions)
        {
            var tally = Tally(selected, c.Id, grid);
            if (tally.Trained == 0 && tally.Collapsed == 0) continue;
            var points = ClaimThresholds.UsedBy(c.Id)
                .SelectMany(name => Factors.Select(f => new SensitivityPoint(name, f, Count(selected, c.Id, name, f)))).ToArray();
            list.Add(new ClaimSummary(tally, points));
        }
        return list;
    }

    /// <summary>The outcome counts per configuration of a grid (in first-seen order), then the grid's total (Configuration null).</summary>
    public static IReadOnlyList<OutcomeMix> Mixes(IReadOnlyList<JudgedRun> runs, string grid)
    {
        var selected = runs.Where(r => r.Grid == grid && r.Outcome != null).ToArray();
        var list = selected.GroupBy(r => r.Configuration).Select(g => Mix(grid, g.Key, g)).ToList();
        if (selected.Length > 0) list.Add(Mix(grid, null, selected));
        return list;
    }

    private static OutcomeMix Mix(string grid, string? configuration, IEnumerable<JudgedRun> runs)
    {
        var outcomes = runs.Select(r => r.Outcome!.Value).ToArray();
        return new OutcomeMix(grid, configuration, outcomes.Count(o => o == RunOutcome.Collapsed), outcomes.Count(o => o == RunOutcome.Correct),
            outcomes.Count(o => o == RunOutcome.StrictSuperset), outcomes.Count(o => o == RunOutcome.Wrong));
    }
}

using VaeLab.Claims;
using VaeLab.Diagnostics;

namespace VaeLab.Tests.Claims;

public class ClaimTalliesTests
{
    private static JudgedRun Run(string config, double varianceRatio, RunOutcome outcome, double c = 0, double e = 0.5) => new("sigmoid", config, 1, 1,
        new RunDiagnostics
        {
            Family = "sigmoid", IntrinsicDim = 2, DecoderVarianceRatio = varianceRatio, EncoderVariances = [1e-3, 1e-3, 1], ActiveThreshold = 0.05, RankThreshold = 1e-2,
            Outcome = new OutcomeMeasurement { Outcome = outcome, Containment = c, Excess = e, ActiveLatents = outcome == RunOutcome.Collapsed ? 0 : 2, Loss = -10, GaussianLoss = 5,
                CollapseMargin = 1, ContainmentThreshold = 1e-3, ExcessThreshold = 1e-3 },
        });

    private static readonly JudgedRun[] Runs =
    [
        Run("a", 1e-4, RunOutcome.StrictSuperset, c: 1e-4),
        Run("a", 7e-4, RunOutcome.StrictSuperset, c: 6e-4),
        Run("b", 2e-3, RunOutcome.Wrong, c: 0.1),
        Run("b", 1e-2, RunOutcome.Correct, e: 1e-4),
        Run("b", 1e-6, RunOutcome.Collapsed),
    ];

    [Fact]
    public void Collapsed_runs_are_counted_apart_and_every_tally_has_its_interval()
    {
        var c4 = ClaimTallies.Tally(Runs, "C4", "sigmoid");
        Assert.Equal((2, 4, 1), (c4.Holds.Successes, c4.Holds.Trials, c4.Collapsed));
        Assert.Equal(WilsonInterval.Of(2, 4), (c4.Holds.Lower, c4.Holds.Upper));
        Assert.Equal("holds in 50% [15%, 85%] of 4 trained runs; 1 collapsed", c4.Text);
        var c6 = ClaimTallies.Tally(Runs, "C6", "sigmoid", "a");
        Assert.Equal((2, 2, 0), (c6.Holds.Successes, c6.Holds.Trials, c6.Collapsed));
        Assert.Equal("holds", c6.Verdict);
    }

    [Theory]
    [InlineData(0, 0, "n/a")]
    [InlineData(24, 24, "holds")]
    [InlineData(0, 24, "fails")]
    [InlineData(33, 36, "mostly holds")]  // 92% [78%, 97%]
    [InlineData(17, 36, "split")]         // 47% [32%, 63%]
    [InlineData(14, 36, "split")]         // 39% [25%, 55%]
    [InlineData(11, 36, "mostly fails")]  // 31% [18%, 47%]
    [InlineData(2, 3, "split")]
    public void The_verdict_says_which_side_of_one_half_the_interval_lies(int k, int n, string verdict)
    {
        var t = new ClaimTally("C6", "sigmoid", null, Proportion.Of(k, n), 0);
        Assert.Equal(verdict, t.Verdict);
        Assert.Equal(verdict is "holds" or "mostly holds", t.OnPapersSide);
    }

    [Fact]
    public void Sensitivity_rejudges_at_scaled_thresholds_and_marks_a_flip_within_2x_fragile()
    {
        var summaries = ClaimTallies.Summaries(Runs, "sigmoid").ToDictionary(s => s.Tally.Claim);
        var c4 = summaries["C4"];
        // Ratios 1e-4, 7e-4, 2e-3, 1e-2 against 1e-3 x factor: 0.1x -> 0, 0.5x -> 1, 2x -> 2 (strict <), 10x -> 3.
        Assert.Equal([0, 1, 2, 3], c4.Sensitivity.Select(p => p.Holds.Successes));
        Assert.True(c4.Fragile);
        Assert.Equal(["varianceRatio"], c4.FragileThresholds);
        // C6: strict supersets have c = 1e-4 and 6e-4, the wrong run c = 0.1: at τ_c x 0.5 the second becomes wrong (1 of 4, below
        // half), even at 10x the wrong run stays wrong.
        var c6 = summaries["C6"];
        var containment = c6.Sensitivity.Where(p => p.Threshold == "containment").Select(p => p.Holds.Successes).ToArray();
        Assert.Equal([0, 1, 2, 2], containment);
        Assert.True(c6.Fragile);
        Assert.False(summaries.ContainsKey("C1"));
    }

    [Fact]
    public void Outcome_mix_per_configuration_and_grid()
    {
        var mixes = ClaimTallies.Mixes(Runs, "sigmoid");
        Assert.Equal(3, mixes.Count);
        Assert.Equal(new OutcomeMix("sigmoid", "a", 0, 0, 2, 0), mixes[0]);
        Assert.Equal(new OutcomeMix("sigmoid", "b", 1, 1, 0, 1), mixes[1]);
        Assert.Equal((5, 4, 2), (mixes[2].Total, mixes[2].Trained, mixes[2].StrictSuperset));
    }
}

using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Grids;

namespace VaeLab.Tests.Grids;

public class GridComputeTests
{
    [Fact]
    public void The_flop_bound_and_busy_fraction_follow_from_the_outcomes()
    {
        var run = new GridRun("linear", "x", RunConfig.Defaults(DataFamilyKind.Linear));
        GridRunOutcome[] outcomes =
        [
            new(run, "a", "trained", null) { TrainedFlops = 3e12, BusySeconds = 30 },
            new(run, "b", "trained", null) { TrainedFlops = 1e12, BusySeconds = 50 },
            new(run, "c", "skipped", null),
        ];
        var c = GridCompute.From(outcomes, jobs: 1, measuredSeconds: 100, peakGflopsPerCore: 100);
        Assert.Equal(4e12, c.TotalFlops);
        Assert.Equal(40, c.FlopBoundSeconds, 9);   // 4e12 / (100e9 x 1 core)
        Assert.Equal(0.8, c.BusyFraction, 9);      // 80 s busy of 1 x 100 s
        Assert.Equal(2.5, c.OverBound, 9);
        string md = c.Markdown();
        Assert.Contains("FLOP-bound time on 1 core(s): 40.0 s", md);
        Assert.Contains("cores busy: 80.0%", md);
    }
}

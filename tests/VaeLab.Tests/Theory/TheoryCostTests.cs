using VaeLab.Core;
using VaeLab.Theory;

namespace VaeLab.Tests.Theory;

public class TheoryCostTests
{
    [Fact]
    public void The_default_run_is_short_and_the_estimate_grows_with_each_size()
    {
        var d = new TheorySettings();
        var (_, _, total) = TheoryCost.Seconds(d);
        Assert.InRange(total, 1, TheoryCost.WarnSeconds);
        Assert.Null(TheoryCost.Warning(d));
        Assert.True(TheoryCost.Seconds(d with { FlowSteps = 40_000 }).Flow > TheoryCost.Seconds(d).Flow);
        Assert.True(TheoryCost.Seconds(d with { AdamSteps = 40_000 }).Adam > TheoryCost.Seconds(d).Adam);
        Assert.True(TheoryCost.Seconds(d with { Ambient = 100 }).Total > total);
        Assert.True(TheoryCost.Seconds(d with { Latent = 100 }).Total > total);
        // One Euler step at n = m = 100: 6n³ + 6n²m + 2nm² = 1.4e7 multiply-adds, 14 ms at 1e9 a second.
        var one = TheoryCost.Seconds(d with { Ambient = 100, Latent = 100, FlowSteps = 1000, AdamSteps = 0 }).Flow;
        var two = TheoryCost.Seconds(d with { Ambient = 100, Latent = 100, FlowSteps = 2000, AdamSteps = 0 }).Flow;
        Assert.Equal(2 * 1000 * (1.4e7 / 1e9 + 2e-6), two - one, 1e-6);
    }

    [Fact]
    public void Long_runs_are_warned_about_and_absurd_ones_refused_naming_the_setting()
    {
        var d = new TheorySettings();
        Assert.Contains("will take about", TheoryCost.Warning(d with { Ambient = 200, Latent = 200 }));
        var flow = Assert.Throws<ConfigException>(() => (d with { FlowSteps = 10_000_000_000 }).Validate());
        Assert.StartsWith("--flow-steps 10000000000 with --ambient 12 and --latent 20 would take about", flow.Message);
        Assert.Contains("the limit is 6 h", flow.Message);
        var adam = Assert.Throws<ConfigException>(() => (d with { Ambient = 200, Latent = 200, AdamSteps = 2_000_000_000 }).Validate());
        Assert.StartsWith("--adam-steps 2000000000", adam.Message);
        Assert.Contains("days", adam.Message);
        Assert.Equal(("45 s", "12 min", "3.5 h", "2.5 days"), (TheoryCost.Duration(45), TheoryCost.Duration(720), TheoryCost.Duration(12_600), TheoryCost.Duration(216_000)));
    }
}

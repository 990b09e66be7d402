using VaeLab.Claims;

namespace VaeLab.Tests.Claims;

public class WilsonIntervalTests
{
    // Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score, no continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(29, 29, 0.8830, 1.0000)]
    public void Matches_Newcombe_1998(int k, int n, double lower, double upper)
    {
        var (l, u) = WilsonInterval.Of(k, n);
        Assert.Equal(lower, l, 4);
        Assert.Equal(upper, u, 4);
    }

    [Fact]
    public void Is_symmetric_under_swapping_successes_and_failures_and_covers_the_estimate()
    {
        for (int n = 1; n <= 40; n++)
            for (int k = 0; k <= n; k++)
            {
                var (l, u) = WilsonInterval.Of(k, n);
                var (l2, u2) = WilsonInterval.Of(n - k, n);
                Assert.Equal(1 - u, l2, 12);
                Assert.Equal(1 - l, u2, 12);
                Assert.InRange((double)k / n, l, u);
            }
    }

    [Fact]
    public void Centre_solves_the_score_equation()
    {
        // Wilson's bounds are the two p with |p̂ - p| = z √(p (1 - p) / n).
        var (l, u) = WilsonInterval.Of(22, 54);
        foreach (double p in new[] { l, u })
            Assert.Equal(Math.Abs(22 / 54.0 - p), WilsonInterval.Z95 * Math.Sqrt(p * (1 - p) / 54), 12);
        Assert.Equal("41% [29%, 54%] of 54 trained runs", Proportion.Of(22, 54).Text("trained runs"));
    }

    [Fact]
    public void Rejects_impossible_counts() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(5, 4));
}

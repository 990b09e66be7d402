using VaeLab.Claims;

namespace VaeLab.Tests.Claims;

public class RateDifferenceTests
{
    // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (score interval hybrid), to 4 decimals.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void Matches_Newcombes_published_method_10_intervals(int a, int m, int b, int n, double lower, double upper)
    {
        var (l, u) = RateDifference.Of(Proportion.Of(a, m), Proportion.Of(b, n));
        Assert.Equal(lower, l, 4);
        Assert.Equal(upper, u, 4);
    }

    [Fact]
    public void Is_antisymmetric_and_refuses_an_empty_proportion()
    {
        var (l, u) = RateDifference.Of(Proportion.Of(7, 18), Proportion.Of(14, 36));
        var (l2, u2) = RateDifference.Of(Proportion.Of(14, 36), Proportion.Of(7, 18));
        Assert.Equal(-l, u2, 12);
        Assert.Equal(-u, l2, 12);
        Assert.Throws<ArgumentException>(() => RateDifference.Of(Proportion.Of(0, 0), Proportion.Of(1, 2)));
    }
}

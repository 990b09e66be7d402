using VaeLab.Random;

namespace VaeLab.Tests.Random;

public class ShuffleTests
{
    [Fact]
    public void Shuffle_draws_exactly_as_the_written_out_Fisher_Yates_loop()
    {
        var a = new Xoshiro256StarStar(7);
        var b = new Xoshiro256StarStar(7);
        var shuffled = Enumerable.Range(0, 101).ToArray();
        var expected = Enumerable.Range(0, 101).ToArray();
        a.Shuffle(shuffled.AsSpan());
        for (int i = expected.Length - 1; i > 0; i--)
        {
            int j = b.NextInt(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }
        Assert.Equal(expected, shuffled);
        Assert.Equal(b.NextUInt64(), a.NextUInt64());
        Assert.Equal(Enumerable.Range(0, 101), shuffled.Order());
    }

    [Fact]
    public void Shuffle_of_three_gives_each_of_the_six_orders_about_equally_often()
    {
        // 60000 shuffles, 10000 expected per order; chi-square with 5 degrees of freedom, 99.9% point 20.5.
        var rng = new Xoshiro256StarStar(11);
        var counts = new Dictionary<string, int>();
        var items = new int[3];
        for (int t = 0; t < 60000; t++)
        {
            items[0] = 0; items[1] = 1; items[2] = 2;
            rng.Shuffle(items.AsSpan());
            string key = string.Concat(items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        double chi2 = counts.Values.Sum(c => (c - 10000.0) * (c - 10000.0) / 10000.0);
        Assert.True(chi2 < 20.5, $"chi-square {chi2:F2} over 6 orders");
    }

    [Fact]
    public void Shuffle_leaves_empty_and_single_spans_alone_and_draws_nothing()
    {
        var rng = new Xoshiro256StarStar(3);
        var twin = new Xoshiro256StarStar(3);
        rng.Shuffle(Span<int>.Empty);
        var one = new[] { 5 };
        rng.Shuffle(one.AsSpan());
        Assert.Equal([5], one);
        Assert.Equal(twin.NextUInt64(), rng.NextUInt64());
    }
}

using VaeLab.Dimension;
using VaeLab.Random;

namespace VaeLab.Tests.Dimension;

public class KnnSearchTests
{
    [Theory]
    [InlineData(50, 3, 1)]
    [InlineData(300, 12, 10)]
    [InlineData(257, 5, 20)]
    [InlineData(130, 1, 7)]
    public void Matches_a_naive_double_precision_search(int rows, int cols, int k)
    {
        var x = new float[rows * cols];
        RngStreams.Normal((ulong)(rows + cols + k), "knn").Fill(x);
        for (int c = 0; c < cols; c++) x[c] += 100f; // one far point: a large norm stresses the GEMM form
        var graph = KnnSearch.Search(x, rows, cols, k);
        for (int i = 0; i < rows; i++)
        {
            var naive = Enumerable.Range(0, rows).Where(j => j != i)
                .Select(j => (d: KnnSearch.Distance(x.AsSpan(i * cols, cols), x.AsSpan(j * cols, cols)), j))
                .OrderBy(p => p.d).ThenBy(p => p.j).Take(k).ToArray();
            Assert.Equal(naive.Select(p => p.j), graph.NeighboursOf(i).ToArray());
            for (int a = 0; a < k; a++) Assert.Equal(naive[a].d, graph.DistancesOf(i)[a], 12);
        }
    }

    [Fact]
    public void Duplicates_are_neighbours_at_distance_zero_and_never_the_point_itself()
    {
        float[] x = [0, 0, 1, 1, 0, 0, 5, 5];
        var graph = KnnSearch.Search(x, 4, 2, 2);
        Assert.Equal([2, 1], graph.NeighboursOf(0).ToArray());
        Assert.Equal(0, graph.DistancesOf(0)[0]);
        Assert.Equal([0, 1], graph.NeighboursOf(2).ToArray());
    }

    [Fact]
    public void Bad_k_or_too_few_points_is_rejected_with_the_value()
    {
        var x = new float[10];
        Assert.Contains("(got 5)", Assert.Throws<ArgumentException>(() => KnnSearch.Search(x, 5, 2, 5)).Message);
        Assert.Contains("(got 1)", Assert.Throws<ArgumentException>(() => KnnSearch.Search(x, 1, 2, 1)).Message);
    }
}

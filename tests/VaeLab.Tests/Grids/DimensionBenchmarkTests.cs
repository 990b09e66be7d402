using VaeLab.Dimension;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Reporting;

namespace VaeLab.Tests.Grids;

public class DimensionBenchmarkTests
{
    [Fact]
    public void The_checked_in_benchmark_expands_cells_times_grid_into_distinct_valid_runs()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "../../../../../experiments/dimension-benchmark.json");
        var bench = DimensionBenchmark.Read(path);
        Assert.Equal(6 * 4, bench.Runs.Count);
        Assert.Equal(bench.Runs.Count, bench.Runs.Select(r => r.RelativeDir).Distinct().Count());
        Assert.Equal(12, bench.Runs.Count(r => r.Config.Rotate));
        Assert.Contains(bench.Runs, r => r.Config.Family == VaeLab.Data.DataFamilyKind.Union && r.Config.UnionDims.SequenceEqual([1, 3, 6]) && r.Config.AmbientDim == 12);
        Assert.All(bench.Runs, r => Assert.Equal(20_000, r.Config.Steps));
    }

    [Theory]
    [InlineData("{\"cells\": []}", "\"cells\" must be a non-empty array")]
    [InlineData("{\"cells\": [{\"family\": \"swiss-roll\", \"dataDim\": 3}]}", "--data-dim must be 2 for swiss-roll")]
    [InlineData("{\"cells\": [{\"family\": \"torus\"}], \"grids\": {}}", "unknown key 'grids'")]
    public void Bad_benchmark_files_name_the_file_and_the_problem(string json, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<ConfigException>(() => DimensionBenchmark.Read(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(2, 2.0, 1.0, "right")]
    [InlineData(1, 2.1, 0.0, "superset")]
    [InlineData(6, 5.0, 0.1, "subset")]
    [InlineData(3, 3.1, 0.6, "mixed")]
    public void Verdicts_follow_the_exact_share_and_the_mean(int truth, double mean, double exact, string verdict) =>
        Assert.Equal(verdict, DimensionBenchmarkReport.Verdict(new DimensionScore("vae-rank", truth, 100, mean, mean, Math.Abs(mean - truth), 0, exact)));
}

namespace VaeLab.Tests.Cli;

[Collection("cli")]
public class SweepCommandTests
{
    private static string WriteSweep(string dir)
    {
        string path = Path.Combine(dir, "tiny.json");
        File.WriteAllText(path, """
            { "name": "tiny", "base": { "family": "linear", "padding": 2, "steps": 300, "logEvery": 100, "evalSamples": 300 },
              "grid": { "latent": [3, 4], "learningRate": [0.001, 0.003] }, "seeds": [0, 1] }
            """);
        return path;
    }

    [Fact]
    public void Shards_then_collect_give_the_same_results_as_one_process()
    {
        string root = CliRunner.TempDir();
        string sweep = WriteSweep(root);
        string sharded = Path.Combine(root, "sharded"), single = Path.Combine(root, "single");
        foreach (string shard in new[] { "0/3", "1/3", "2/3" })
        {
            var (code, _, err) = CliRunner.Run("sweep", sweep, "--out", sharded, "--shard", shard, "--jobs", "2", "--quiet");
            Assert.True(code == 0, err);
            Assert.False(File.Exists(Path.Combine(sharded, "results.csv")));
        }
        var (c1, _, e1) = CliRunner.Run("sweep", "collect", sharded);
        Assert.True(c1 == 0, e1);
        var (c2, _, e2) = CliRunner.Run("sweep", sweep, "--out", single, "--jobs", "1", "--quiet");
        Assert.True(c2 == 0, e2);
        string a = File.ReadAllText(Path.Combine(sharded, "results.csv")), b = File.ReadAllText(Path.Combine(single, "results.csv"));
        Assert.Equal(b, a);
        Assert.Equal(9, a.Trim().Split('\n').Length);
        Assert.Contains("tiny,latent3_learningRate0.001_s0,", a);
    }

    [Fact]
    public void Collect_names_unfinished_runs_and_bad_shards_are_one_line_errors()
    {
        string root = CliRunner.TempDir();
        string sweep = WriteSweep(root);
        string dir = Path.Combine(root, "partial");
        var (c, _, _) = CliRunner.Run("sweep", sweep, "--out", dir, "--shard", "0/4", "--quiet");
        Assert.Equal(0, c);
        var (code, _, err) = CliRunner.Run("sweep", "collect", dir);
        Assert.Equal(2, code);
        Assert.Contains("6 of 8 runs are not finished", err);
        string other = Path.Combine(root, "other.json"); // another sweep into the same folder would mix the two
        File.WriteAllText(other, File.ReadAllText(sweep).Replace("\"tiny\"", "\"tiny2\""));
        var (codeOther, _, errOther) = CliRunner.Run("sweep", other, "--out", dir, "--quiet");
        Assert.Equal(2, codeOther);
        Assert.Contains("holds another sweep", errOther);
        Assert.True(File.Exists(Path.Combine(dir, ".vaelab-grid")));
        var (code2, _, err2) = CliRunner.Run("sweep", sweep, "--shard", "4/4");
        Assert.Equal(2, code2);
        Assert.StartsWith("error: --shard must be i/N with 0 <= i < N", err2);
        File.WriteAllText(Path.Combine(root, "bad.json"), """{ "grid": { "latnt": [1] } }""");
        var (code3, _, err3) = CliRunner.Run("sweep", Path.Combine(root, "bad.json"));
        Assert.Equal(2, code3);
        Assert.Contains("did you mean 'latent'", err3);
    }
}

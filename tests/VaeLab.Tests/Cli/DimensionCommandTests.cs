using System.Text.Json.Nodes;
using VaeLab.Runs;

namespace VaeLab.Tests.Cli;

[Collection("cli")]
public class DimensionCommandTests
{
    private static readonly string[] Small = ["--steps", "300", "--encoder-hidden", "16", "--decoder-hidden", "16", "--log-every", "100",
        "--checkpoint-every", "0", "--eval-samples", "200", "--points", "300", "--k", "10", "--learning-rate", "1e-3", "--quiet"];

    [Fact]
    public void Union_scores_every_estimator_per_true_dimension_and_a_rerun_on_the_run_is_identical()
    {
        string dir = CliRunner.TempDir(), out1 = Path.Combine(dir, "u"), out2 = Path.Combine(dir, "again");
        var (code, _, err) = CliRunner.Run(["dimension", "--family", "union", "--rotate", "--encoder-variance", "amortized", "--out", out1, .. Small]);
        Assert.True(code == 0, err);
        var r = DimensionStudy.Read(Path.Combine(out1, DimensionStudy.ResultFile));
        Assert.Equal(["vae-rank", "vae-active", "mle", "twonn", "lpca", "ess"], r.Estimates.Select(e => e.Estimator));
        Assert.Equal([1, 3, 6], r.Truth.Distinct().Order());
        Assert.True(r.Rotated);
        Assert.Equal(6 * 4, r.Scores.Length); // all points + three true dimensions, per estimator
        Assert.All(r.Estimates, e => Assert.Equal(300, e.PerPoint.Length));
        Assert.Equal(300, r.Spectra.Length);
        // Independent of the VAE: local PCA separates the line from the 3-plane almost everywhere even with 100 points each.
        foreach (int d in new[] { 1, 3 })
            Assert.True(r.Scores.Single(s => s.Estimator == "lpca" && s.TrueDimension == d).ExactFraction > 0.8);
        Assert.True(File.Exists(Path.Combine(out1, "dimension-estimates.png")) && File.Exists(Path.Combine(out1, "dimension-spectra.png")));
        var (code2, output, err2) = CliRunner.Run("dimension", "--run", Path.Combine(out1, "run"), "--out", out2, "--points", "300", "--k", "10");
        Assert.True(code2 == 0, err2);
        Assert.Contains("rel. bias", output);
        var again = DimensionStudy.Read(Path.Combine(out2, DimensionStudy.ResultFile));
        for (int e = 0; e < r.Estimates.Length; e++) Assert.Equal(r.Estimates[e].PerPoint, again.Estimates[e].PerPoint);
    }

    [Fact]
    public void Data_file_gives_the_table_without_truth()
    {
        string dir = CliRunner.TempDir(), csv = Path.Combine(dir, "torus.csv");
        var (c1, _, e1) = CliRunner.Run("data", "torus", "--data-dim", "2", "--rotate", "--padding", "1", "--count", "400", "--out", csv);
        Assert.True(c1 == 0, e1);
        Assert.Equal(5, JsonNode.Parse(File.ReadAllText(csv + ".json"))!["groundTruth"]!["rotation"]!.AsArray().Count);
        var (code, output, err) = CliRunner.Run(["dimension", "--data-file", csv, "--latent", "4", "--out", Path.Combine(dir, "d"), .. Small[..^1]]);
        Assert.True(code == 0, err);
        Assert.Contains("per-point median", output);
        Assert.DoesNotContain("MAE", output);
        var r = DimensionStudy.Read(Path.Combine(dir, "d", DimensionStudy.ResultFile));
        Assert.Empty(r.Truth);
        Assert.Empty(r.Scores);
        Assert.Equal("file", r.Family);
        // The flat 2-torus in R^5: local PCA sees 2 at nearly every point.
        Assert.InRange(r.Estimates.Single(e => e.Estimator == "lpca").Global, 1.9, 2.1);
    }

    [Theory]
    [InlineData("--points 10", "--points must be within [50, 50000] (got 10)")]
    [InlineData("--points 100 --k 100", "--k must be within [3, 99] for --points 100 (got 100)")]
    [InlineData("--family union --union-dims 0,3", "--union-dims must each be within [1, 9] for --data-dim 10 (got 0)")]
    [InlineData("--family swiss-roll --data-dim 3", "--data-dim must be 2 for swiss-roll, a surface (got 3)")]
    [InlineData("--run /nonexistent/run", "RUN_DIR '/nonexistent/run' does not exist")]
    [InlineData("--family torus --rotate --run /x", "--run takes no training settings")]
    public void Bad_input_is_one_line_and_exit_2(string args, string expected)
    {
        var (code, _, err) = CliRunner.Run(["dimension", .. args.Split(' '), "--quiet"]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void A_non_empty_out_folder_is_refused_and_left_alone()
    {
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "mine.txt"), "keep");
        var (code, _, err) = CliRunner.Run("dimension", "--family", "torus", "--out", dir, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("already exists and is not empty", err);
        Assert.Equal(["mine.txt"], Directory.GetFiles(dir).Select(Path.GetFileName));
        // --run into a folder of the user's that merely holds a file named dimension.json: refused too.
        string run = Path.Combine(CliRunner.TempDir(), "run");
        Assert.Equal(0, CliRunner.Run("train", "--family", "linear", "--steps", "20", "--out", run, "--quiet").Exit);
        File.WriteAllText(Path.Combine(dir, "dimension.json"), "{}");
        var (code2, _, err2) = CliRunner.Run("dimension", "--run", run, "--out", dir, "--quiet");
        Assert.Equal(2, code2);
        Assert.Contains("not a dimension study", err2);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, "dimension.json")));
    }
}

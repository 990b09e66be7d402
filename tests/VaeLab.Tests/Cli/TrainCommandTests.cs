using System.Text.Json.Nodes;

namespace VaeLab.Tests.Cli;

[Collection("cli")]
public class TrainCommandTests
{
    [Theory]
    [InlineData("--latent must be >= 1 (got 0).", "--latent", "0")]
    [InlineData("--learning-rate must be > 0 (got -0.001).", "--learning-rate", "-0.001")]
    [InlineData("--family must be one of linear, sigmoid, sphere, torus, swiss-roll, graph, union, or file with --data-file (got 'circle').", "--family", "circle")]
    [InlineData("--steps must be an integer (got 'many').", "--steps", "many")]
    [InlineData("--encoder-hidden must be a comma-separated list of integers such as 200,200,200 (got '20,x').", "--encoder-hidden", "20,x")]
    [InlineData("--noise-in-loss must be true or false (got 'maybe').", "--noise-in-loss", "maybe")]
    public void Bad_settings_get_one_line_naming_setting_value_and_expectation(string message, string option, string value)
    {
        string dir = CliRunner.TempDir();
        var (exit, _, err) = CliRunner.Run("train", "--out", Path.Combine(dir, "run"), "--quiet", option, value);
        Assert.Equal(2, exit);
        Assert.Equal("error: " + message, err.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void Unknown_config_key_suggests_the_nearest()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "c.json");
        File.WriteAllText(config, """{ "latnt": 4 }""");
        var (exit, _, err) = CliRunner.Run("train", "--config", config, "--out", Path.Combine(dir, "run"), "--quiet");
        Assert.Equal(2, exit);
        Assert.Contains("config key 'latnt' is not a setting of VaeLab; did you mean 'latent'?", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Theory]
    [InlineData("", "is empty: it must hold a JSON object")]
    [InlineData("{ \"latent\": ", "is not valid JSON")]
    [InlineData("{ \"latent\": \"four\" }", "config key 'latent' has the wrong type: expected an integer (got \"four\")")]
    [InlineData("[1,2]", "must hold a JSON object")]
    [InlineData("{ \"steps\": 1e400 }", "config key 'steps' has the wrong type")]
    public void Malformed_config_files_are_one_line_errors(string text, string expected)
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "c.json");
        File.WriteAllText(config, text);
        var (exit, _, err) = CliRunner.Run("train", "--config", config, "--quiet", "--out", Path.Combine(dir, "run"));
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Unreadable_config_is_a_clear_error()
    {
        var (exit, _, err) = CliRunner.Run("train", "--config", "/nonexistent/c.json", "--quiet");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --config cannot read '/nonexistent/c.json'", err);
    }

    [Fact]
    public void Train_writes_a_complete_run_folder_and_same_seeds_give_identical_bytes()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "c.json");
        File.WriteAllText(config, """{ "family": "sigmoid", "steps": 400, "logEvery": 100, "latent": 4 }""");
        string[] runs = [Path.Combine(dir, "a"), Path.Combine(dir, "b")];
        foreach (string run in runs)
        {
            var (exit, _, err) = CliRunner.Run("train", "--config", config, "--eval-samples", "500", "--out", run, "--quiet");
            Assert.True(exit == 0, err);
        }
        foreach (string file in new[] { "config.json", "metrics.csv", "timing.csv", "model.safetensors", "summary.json" })
            Assert.True(File.Exists(Path.Combine(runs[0], file)), file);
        Assert.Equal(File.ReadAllBytes(Path.Combine(runs[0], "metrics.csv")), File.ReadAllBytes(Path.Combine(runs[1], "metrics.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(runs[0], "model.safetensors")), File.ReadAllBytes(Path.Combine(runs[1], "model.safetensors")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(runs[0], "metrics.csv")).Length);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(runs[0], "summary.json")))!;
        var variances = summary["encoderVariances"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(4, variances.Length);
        Assert.Equal(variances.Order(), variances);
        Assert.Equal(variances.Count(v => v < 0.05), (int)summary["activeLatents"]!);
        Assert.True(summary["decoderLogVariance"] != null);

        var cfg = JsonNode.Parse(File.ReadAllText(Path.Combine(runs[0], "config.json")))!;
        Assert.Equal("sigmoid-affine", (string?)cfg["config"]!["decoder"]);
        Assert.Equal(69, (int)cfg["seeds"]!["data"]!);
        Assert.True((int)cfg["environment"]!["simdWidthBits"]! >= 128);

        var (again, _, err2) = CliRunner.Run("train", "--config", config, "--out", runs[0], "--quiet");
        Assert.Equal(2, again);
        Assert.Contains("already holds a finished run", err2);
    }
}

[Collection("cli")]
public class TheoryCommandTests
{
    [Fact]
    public void Theory_linear_prints_slopes_and_writes_figures()
    {
        string dir = CliRunner.TempDir();
        var (exit, output, err) = CliRunner.Run("theory", "linear", "--intrinsic", "2", "--ambient", "7", "--latent", "5", "--flow-steps", "3000", "--adam-steps", "300", "--out", dir);
        Assert.True(exit == 0, err);
        Assert.Contains("C10", output);
        foreach (string f in new[] { "superset-loss.png", "flow-superset.png", "adam-random.png", "off-subspace.png", "theory.json", "theory.md" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        string md = File.ReadAllText(Path.Combine(dir, "theory.md"));
        Assert.Contains("| 2 |", md);
        Assert.Contains("predicted", md);
        // Its own folder again (marked), and one of a build before the marker (theory.json of its schema, figures, theory.md).
        var (again, _, errAgain) = CliRunner.Run("theory", "linear", "--flow-steps", "100", "--adam-steps", "0", "--out", dir);
        Assert.True(again == 0, errAgain);
        File.Delete(Path.Combine(dir, VaeLab.Reporting.TheoryReport.MarkerFile));
        var (legacy, _, errLegacy) = CliRunner.Run("theory", "linear", "--flow-steps", "100", "--adam-steps", "0", "--out", dir);
        Assert.True(legacy == 0, errLegacy);
    }

    [Fact]
    public void Theory_rejects_impossible_sizes()
    {
        var (exit, _, err) = CliRunner.Run("theory", "linear", "--intrinsic", "3", "--latent", "4");
        Assert.Equal(2, exit);
        Assert.Equal("error: --latent must be >= r + 2 = 5 (got 4).", err.Trim());
    }
}

[Collection("cli")]
public class TwoStageCommandTests
{
    [Fact]
    public void Train_two_stage_writes_both_stages_and_analyze_compares_them()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "run");
        var (exit, _, err) = CliRunner.Run("train", "--family", "sigmoid", "--two-stage", "--steps", "300", "--stage2-steps", "200",
            "--stage2-hidden", "16,16", "--eval-samples", "300", "--log-every", "100", "--out", dir, "--quiet");
        Assert.True(exit == 0, err);
        foreach (string f in new[] { "model.safetensors", "stage2.safetensors", "stage2-metrics.csv", "summary.json" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.Equal(200, (int)summary["stage2"]!["steps"]!);
        var (code, output, err2) = CliRunner.Run("analyze", dir, "--samples", "500", "--mmd-samples", "100");
        Assert.True(code == 0, err2);
        Assert.Contains("vanilla vs two-stage", output);
        Assert.Contains("C8", output);
        Assert.True(File.Exists(Path.Combine(dir, "figures", "scatter-two-stage.png")));
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<table class=\"sortable\" id=\"claims\">", html);
        Assert.Contains("<details id=\"claim-C8\">", html);
        Assert.Contains("alt=\"scatter-two-stage\" src=\"data:image/png;base64,", html);
    }
}

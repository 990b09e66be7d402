using System.Text.Json.Nodes;

namespace VaeLab.Tests.Cli;

[Collection("cli")]
public class DataCommandTests
{
    [Fact]
    public void Exported_sigmoid_points_train_with_data_file_and_report_their_learned_dimension()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "sig.csv"), run = Path.Combine(dir, "run");
        var (c1, _, e1) = CliRunner.Run("data", "sigmoid", "--data-dim", "2", "--padding", "1", "--count", "600", "--out", csv);
        Assert.True(c1 == 0, e1);
        var truth = JsonNode.Parse(File.ReadAllText(csv + ".json"))!["groundTruth"]!;
        Assert.Equal(2, (int)truth["r"]!);
        Assert.Equal(2, truth["aStar"]!.AsArray().Count);
        var (c2, _, e2) = CliRunner.Run("train", "--data-file", csv, "--latent", "3", "--steps", "400", "--held-out-fraction", "0.25",
            "--standardize", "--log-every", "100", "--out", run, "--quiet");
        Assert.True(c2 == 0, e2);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!["dataFile"]!;
        Assert.Equal((450, 150), ((int)summary["trainRows"]!, (int)summary["heldOutRows"]!));
        Assert.True(double.IsFinite((double)summary["heldOutLoss"]!));
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["config"]!["dataDim"]!.GetValue<int>());
        var (c3, output, e3) = CliRunner.Run("analyze", run);
        Assert.True(c3 == 0, e3);
        Assert.Contains("TwoNN", output);
        Assert.Contains("active latents", output);
        var d = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "diagnostics.json")))!;
        Assert.InRange((double)d["twoNnDimension"]!, 1.5, 2.7);
        string samples = Path.Combine(dir, "samples.npy");
        var (c4, _, e4) = CliRunner.Run("sample", run, "--count", "50", "--out", samples);
        Assert.True(c4 == 0, e4);
        Assert.Equal((50, 4), (VaeLab.Data.Dataset.Read(samples, "--data-file").Rows, VaeLab.Data.Dataset.Read(samples, "--data-file").Cols));
        byte[] first = File.ReadAllBytes(samples);
        var (c5, _, e5) = CliRunner.Run("sample", run, "--count", "60", "--out", samples); // the same command again: refused, file kept
        Assert.Equal(2, c5);
        Assert.Contains("exists and VaeLab does not overwrite", e5);
        Assert.Equal(first, File.ReadAllBytes(samples));
    }

    [Fact]
    public void Data_file_errors_leave_no_run_folder()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "bad.csv");
        File.WriteAllText(csv, "1,2\n3,x\n");
        var (code, _, err) = CliRunner.Run("train", "--data-file", csv, "--out", Path.Combine(dir, "run"), "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("row 2 (line 2), column 2 is 'x'", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
        var (code2, _, err2) = CliRunner.Run("train", "--data-file", csv, "--family", "sphere", "--quiet");
        Assert.Equal(2, code2);
        Assert.Contains("--family must be file or left out", err2);
    }

    [Fact]
    public void Output_files_that_exist_are_refused_before_any_work_and_left_as_they_were()
    {
        string dir = CliRunner.TempDir();
        string mine = Path.Combine(dir, "mine.csv"), companion = Path.Combine(dir, "other.csv"), json = Path.Combine(dir, "bench.json");
        File.WriteAllText(mine, "not VaeLab's");
        File.WriteAllText(companion + ".json", "not VaeLab's either");
        File.WriteAllText(json, "{}");
        var (c1, _, e1) = CliRunner.Run("data", "linear", "--count", "10", "--out", mine);
        Assert.Equal(2, c1);
        Assert.Contains($"--out '{mine}' exists and VaeLab does not overwrite files it did not create", e1);
        var (c2, _, e2) = CliRunner.Run("data", "linear", "--count", "10", "--out", companion);
        Assert.Equal(2, c2);
        Assert.Contains($"'{companion}.json' beside it exists", e2);
        Assert.False(File.Exists(companion));
        var (c3, o3, e3) = CliRunner.Run("bench", "--workload", "sphere", "--json", json);
        Assert.Equal(2, c3);
        Assert.Contains("--json", e3);
        Assert.DoesNotContain("timing sphere", o3);
        var (c4, _, e4) = CliRunner.Run("bench", "--workload", "sphere", "--json", Path.Combine(dir, "missing", "b.json"));
        Assert.Equal(2, c4);
        Assert.Contains("does not exist; create it or give a file in an existing folder", e4);
        var (c5, _, e5) = CliRunner.Run("theory", "linear", "--out", dir); // holds mine.csv: not a folder VaeLab wrote
        Assert.Equal(2, c5);
        Assert.Contains("which theory does not write", e5);
        Assert.False(File.Exists(Path.Combine(dir, "theory.md")));
        File.WriteAllText(Path.Combine(dir, "theory.json"), "{\"mine\": true}"); // not a theory VaeLab wrote
        Assert.Equal(2, CliRunner.Run("theory", "linear", "--out", dir).Exit);
        Assert.Equal("{\"mine\": true}", File.ReadAllText(Path.Combine(dir, "theory.json")));
        var (c6, _, e6) = CliRunner.Run("train", "--data-file", "", "--steps", "5", "--out", Path.Combine(dir, "r"));
        Assert.Equal(2, c6);
        Assert.Contains("--data-file is empty", e6);
        Assert.Equal("not VaeLab's", File.ReadAllText(mine));
        Assert.Equal("not VaeLab's either", File.ReadAllText(companion + ".json"));
        Assert.Equal("{}", File.ReadAllText(json));
        Assert.All(new[] { e1, e2, e3, e4, e5 }, e => Assert.Single(e.Trim().Split('\n')));
    }
}

using System.Text.Json.Nodes;
using VaeLab.Data;
using VaeLab.Core;
using VaeLab.Cli;
using VaeLab.Configuration;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Tests.Cli;
using VaeLab.Training;

namespace VaeLab.Tests.Runs;

/// <summary>Resume trusts nothing: short or missing logs, corrupted checkpoints, foreign steps and edited configs are refused, and the folder is kept.</summary>
[Collection("cli")]
public class ResumeTrustTests
{
    private static readonly RunConfig Config = RunConfig.Defaults(DataFamilyKind.Sigmoid) with
    {
        Latent = 3, Steps = 1000, LogEvery = 50, CheckpointEvery = 200, EvalSamples = 200,
    };

    // An interrupted run at step ~600 with its checkpoint; returns the run folder (the work is in run.partial).
    private static string Interrupted(string root, string name = "run", RunConfig? config = null)
    {
        string run = Path.Combine(root, name);
        using var cts = new CancellationTokenSource();
        Assert.Throws<TrainingInterruptedException>(() => RunExecutor.Execute(config ?? Config, run, 1, s => { if (s >= 600) cts.Cancel(); }, cts.Token));
        Assert.True(File.Exists(Path.Combine(RunLayout.PartialDir(run), RunLayout.CheckpointFile)));
        return run;
    }

    private static string[] Snapshot(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray()!;

    private static void AssertRefusedAndKept(string run, string expected)
    {
        string partial = RunLayout.PartialDir(run);
        var before = Snapshot(partial);
        var (exit, _, err) = CliRunner.Run("train", "--resume", run, "--quiet");
        CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
        Assert.Contains(expected, err);
        Assert.Equal(before, Snapshot(partial));
        Assert.False(RunLayout.IsComplete(run));
    }

    [Fact]
    public void A_metrics_log_shorter_than_the_checkpoint_says_or_missing_or_NUL_padded_is_refused()
    {
        string root = CliRunner.TempDir();
        string run = Interrupted(root, "short");
        string metrics = Path.Combine(RunLayout.PartialDir(run), RunLayout.MetricsFile);
        byte[] good = File.ReadAllBytes(metrics);
        File.WriteAllBytes(metrics, good[..(good.Length / 2)]);
        AssertRefusedAndKept(run, "fewer than the");

        // What a node crash leaves: the right length, NUL bytes where rows were.
        var padded = (byte[])good.Clone();
        Array.Clear(padded, good.Length / 2, good.Length / 2);
        File.WriteAllBytes(metrics, padded);
        AssertRefusedAndKept(run, "NUL bytes");

        File.Delete(metrics);
        AssertRefusedAndKept(run, "is missing");

        // Put right again, the run resumes and finishes.
        File.WriteAllBytes(metrics, good);
        var (exit, _, err) = CliRunner.Run("train", "--resume", run, "--quiet");
        Assert.True(exit == 0, err);
        Assert.Equal(21, File.ReadAllLines(Path.Combine(run, RunLayout.MetricsFile)).Length);
    }

    [Fact]
    public void Every_single_flipped_byte_of_a_checkpoint_is_detected()
    {
        string root = CliRunner.TempDir();
        string run = Interrupted(root, "flip");
        string checkpoint = Path.Combine(RunLayout.PartialDir(run), RunLayout.CheckpointFile);
        byte[] good = File.ReadAllBytes(checkpoint);
        string copy = Path.Combine(root, "copy.bin");
        int detected = 0;
        for (int i = 0; i < good.Length; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= (byte)(1 << (i % 8));
            File.WriteAllBytes(copy, bad);
            Assert.Throws<InvalidDataException>(() => Checkpoint.Read(copy));
            detected++;
        }
        Assert.Equal(good.Length, detected);
        Assert.Equal(Checkpoint.Read(checkpoint).Step, 600);

        // Through the CLI: one line, nothing deleted; truncated and directory checkpoints likewise.
        var bad1 = (byte[])good.Clone();
        bad1[good.Length / 2] ^= 0x10;
        File.WriteAllBytes(checkpoint, bad1);
        AssertRefusedAndKept(run, "corrupted");
        File.WriteAllBytes(checkpoint, good[..100]);
        AssertRefusedAndKept(run, "checkpoint");
        File.Delete(checkpoint);
        Directory.CreateDirectory(checkpoint);
        var (exit, _, err) = CliRunner.Run("train", "--resume", run, "--quiet");
        CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
        Assert.Contains("is a folder", err);
    }

    [Fact]
    public void A_checkpoint_beyond_the_steps_or_for_an_edited_config_is_refused()
    {
        string root = CliRunner.TempDir();
        string run = Interrupted(root, "edited");
        string config = Path.Combine(RunLayout.PartialDir(run), RunLayout.ConfigFile);
        string original = File.ReadAllText(config);
        var node = JsonNode.Parse(original)!;
        node["config"]!["learningRate"] = 0.5;
        File.WriteAllText(config, node.ToJsonString());
        AssertRefusedAndKept(run, "written for other settings");

        node["config"]!["learningRate"] = Config.LearningRate;
        node["config"]!["steps"] = 400;
        File.WriteAllText(config, node.ToJsonString());
        AssertRefusedAndKept(run, "is at step 600 but the run has 400 steps");

        File.WriteAllText(config, original);
        var (exit, _, err) = CliRunner.Run("train", "--resume", run, "--quiet");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void Rerunning_the_same_train_command_resumes_and_other_settings_are_refused()
    {
        string root = CliRunner.TempDir();
        string run = Interrupted(root, "again");
        string[] args = ["train", "--family", "sigmoid", "--latent", "3", "--steps", "1000", "--log-every", "50", "--checkpoint-every", "200", "--eval-samples", "200", "--out", run, "--quiet"];
        var (exitOther, _, errOther) = CliRunner.Run([.. args, "--learning-rate", "0.01"]);
        CliProcess.AssertOneLine(ExitCodes.BadInput, exitOther, errOther);
        Assert.Contains("unfinished run with other settings", errOther);
        Assert.True(File.Exists(Path.Combine(RunLayout.PartialDir(run), RunLayout.CheckpointFile)));

        var (exit, _, err) = CliRunner.Run(args);
        Assert.True(exit == 0, err);
        Assert.Contains("note: ", err);
        Assert.Contains("resuming it from its checkpoint", err);
        string clean = Path.Combine(root, "clean");
        RunExecutor.Execute(Config, clean, 1);
        Assert.Equal(File.ReadAllBytes(Path.Combine(clean, RunLayout.ModelFile)), File.ReadAllBytes(Path.Combine(run, RunLayout.ModelFile)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(clean, RunLayout.MetricsFile)), File.ReadAllBytes(Path.Combine(run, RunLayout.MetricsFile)));
    }

    [Fact]
    public void User_files_are_never_deleted_by_train()
    {
        string root = CliRunner.TempDir();
        string user = Path.Combine(root, "mine");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "data.csv"), "1,2\n");
        string userPartial = Path.Combine(root, "other.partial");
        Directory.CreateDirectory(userPartial);
        File.WriteAllText(Path.Combine(userPartial, "keep.txt"), "x");
        foreach (var args in new[]
        {
            new[] { "train", "--out", user, "--steps", "10", "--quiet" },
            ["train", "--resume", user, "--quiet"],
            ["train", "--out", Path.Combine(root, "other"), "--steps", "10", "--quiet"],
            ["train", "--out", Path.Combine(user, "data.csv"), "--steps", "10", "--quiet"],
        })
        {
            var (exit, _, err) = CliRunner.Run(args);
            CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
        }
        Assert.Equal("1,2\n", File.ReadAllText(Path.Combine(user, "data.csv")));
        Assert.Equal("x", File.ReadAllText(Path.Combine(userPartial, "keep.txt")));
        Assert.Equal(["data.csv"], Snapshot(user));
        Assert.Equal(["keep.txt"], Snapshot(userPartial));

        // An empty folder the user made is a fine --out; it becomes the run.
        string empty = Path.Combine(root, "empty");
        Directory.CreateDirectory(empty);
        var (ok, _, okErr) = CliRunner.Run("train", "--out", empty, "--steps", "20", "--log-every", "10", "--eval-samples", "100", "--quiet");
        Assert.True(ok == 0, okErr);
        Assert.True(RunLayout.IsComplete(empty));
    }
}

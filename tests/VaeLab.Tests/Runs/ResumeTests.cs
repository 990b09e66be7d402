using System.Diagnostics;
using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Runs;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Runs;

[Collection("cli")]
public class ResumeTests
{
    private static void AssertSameRun(string a, string b, params string[] files)
    {
        foreach (string f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
    }

    [Fact]
    public void A_run_killed_with_SIGKILL_and_resumed_ends_bit_identical()
    {
        string root = CliRunner.TempDir();
        string config = Path.Combine(root, "c.json");
        File.WriteAllText(config, """
            { "family": "sphere", "encoderHidden": [64, 64], "decoderHidden": [64, 64], "steps": 8000, "learningRate": 0.001,
              "logEvery": 250, "checkpointEvery": 500, "evalSamples": 500 }
            """);
        string killed = Path.Combine(root, "killed"), clean = Path.Combine(root, "clean");
        string cli = typeof(VaeLab.Cli.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "train", "--config", config, "--out", killed, "--quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var child = Process.Start(start)!)
        {
            string checkpoint = Path.Combine(RunLayout.PartialDir(killed), RunLayout.CheckpointFile);
            var clock = Stopwatch.StartNew();
            // Kill after the second checkpoint, mid-run.
            while (!child.HasExited && clock.Elapsed.TotalSeconds < 60)
            {
                if (File.Exists(checkpoint) && File.ReadLines(Path.Combine(RunLayout.PartialDir(killed), "metrics.csv")).Count() > 5) break;
                Thread.Sleep(20);
            }
            Assert.False(child.HasExited, "the run finished before it could be killed; make it longer");
            child.Kill();
            child.WaitForExit();
        }
        Assert.False(RunLayout.IsComplete(killed));
        var (exit, _, err) = CliRunner.Run("train", "--resume", killed, "--quiet");
        Assert.True(exit == 0, err);
        var (exit2, _, err2) = CliRunner.Run("train", "--config", config, "--out", clean, "--quiet");
        Assert.True(exit2 == 0, err2);
        AssertSameRun(killed, clean, "metrics.csv", "model.safetensors", "config.json", "trajectory.csv");
        Assert.False(Directory.Exists(RunLayout.PartialDir(killed)));
        Assert.False(File.Exists(Path.Combine(killed, RunLayout.CheckpointFile)));
    }

    [Fact]
    public void Cancelling_leaves_a_checkpoint_and_resume_matches_in_both_stages()
    {
        string root = CliRunner.TempDir();
        var config = RunConfig.Defaults(DataFamilyKind.Sigmoid) with
        {
            Steps = 2000, LogEvery = 300, CheckpointEvery = 0, EvalSamples = 300, TwoStage = true, Stage2Steps = 1500, Stage2Hidden = [16, 16],
        };
        string clean = Path.Combine(root, "clean");
        RunExecutor.Execute(config, clean, 1);
        foreach (long stopAt in new long[] { 1234, 2000 + 777 })
        {
            string run = Path.Combine(root, $"cut{stopAt}");
            using var cts = new CancellationTokenSource();
            var e = Assert.Throws<TrainingInterruptedException>(() => RunExecutor.Execute(config, run, 1, s => { if (s >= stopAt) cts.Cancel(); }, cts.Token));
            Assert.Contains("vaelab train --resume", e.Message);
            RunExecutor.Execute(config, run, 1, resume: true);
            AssertSameRun(run, clean, "metrics.csv", "model.safetensors", "stage2.safetensors", "stage2-metrics.csv");
        }
        var (exit, _, err) = CliRunner.Run("train", "--resume", clean, "--quiet");
        Assert.Equal(2, exit);
        Assert.Contains("already a finished run", err);
        var (exit2, _, err2) = CliRunner.Run("train", "--resume", Path.Combine(root, "nothing"), "--latent", "3");
        Assert.Equal(2, exit2);
        Assert.Contains("--resume takes no other settings", err2);
    }
}

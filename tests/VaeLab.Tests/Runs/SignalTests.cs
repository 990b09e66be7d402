using VaeLab.Core;
using VaeLab.Cli;
using VaeLab.Configuration;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Runs;

/// <summary>SIGTERM and SIGHUP (Slurm's time limit and preemption) and Ctrl-C save a checkpoint and exit with the interrupted code, never 2, never a stack trace.</summary>
public class SignalTests
{
    private static readonly string[] Long = ["--family", "sigmoid", "--latent", "4", "--encoder-hidden", "16,16", "--steps", "200000", "--log-every", "100", "--checkpoint-every", "500", "--eval-samples", "200", "--quiet"];

    [Theory]
    [InlineData(15)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_signal_saves_a_checkpoint_and_the_run_resumes(int signal)
    {
        string run = Path.Combine(CliRunner.TempDir(), "run");
        using var p = CliProcess.Start(["train", "--out", run, .. Long]);
        string checkpoint = Path.Combine(RunLayout.PartialDir(run), RunLayout.CheckpointFile);
        Assert.True(CliProcess.WaitFor(() => File.Exists(checkpoint) || p.HasExited), "no checkpoint appeared");
        CliProcess.Signal(p, signal);
        var (exit, _, err) = CliProcess.Wait(p);
        CliProcess.AssertOneLine(ExitCodes.Interrupted, exit, err, "interrupted: ");
        var state = VaeLab.Training.Checkpoint.Read(checkpoint);
        Assert.True(state.Step > 0 && state.Step < 200_000);
        // The checkpoint was written at the step it stopped at, and the logs hold exactly what it vouches for.
        Assert.Equal(state.LogLengths[0], new FileInfo(Path.Combine(RunLayout.PartialDir(run), RunLayout.MetricsFile)).Length);
        Assert.False(RunLayout.IsComplete(run));
    }

    [Fact]
    public void Ctrl_C_during_a_sweep_stops_cleanly_and_the_rerun_continues()
    {
        string root = CliRunner.TempDir();
        string sweep = Path.Combine(root, "s.json");
        File.WriteAllText(sweep, """
            { "name": "stop", "base": { "family": "sigmoid", "latent": 4, "encoderHidden": [16, 16], "steps": 200000, "logEvery": 100, "checkpointEvery": 500, "evalSamples": 200 },
              "seeds": [0, 1] }
            """);
        string outDir = Path.Combine(root, "out");
        using var p = CliProcess.Start(["sweep", sweep, "--out", outDir, "--jobs", "2", "--quiet"]);
        Assert.True(CliProcess.WaitFor(() => Directory.Exists(Path.Combine(outDir, "runs", "stop"))
            && Directory.GetFiles(Path.Combine(outDir, "runs", "stop"), RunLayout.CheckpointFile, SearchOption.AllDirectories).Length == 2 || p.HasExited), "no checkpoints appeared");
        CliProcess.Signal(p, 2);
        var (exit, _, err) = CliProcess.Wait(p);
        CliProcess.AssertOneLine(ExitCodes.Interrupted, exit, err, "interrupted: ");
        foreach (string partial in Directory.GetDirectories(Path.Combine(outDir, "runs", "stop")))
        {
            Assert.EndsWith(".partial", partial);
            Assert.True(VaeLab.Training.Checkpoint.Read(Path.Combine(partial, RunLayout.CheckpointFile)).Step > 0);
        }
    }
}

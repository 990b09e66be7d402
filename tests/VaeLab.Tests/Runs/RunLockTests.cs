using VaeLab.Core;
using VaeLab.Cli;
using VaeLab.Configuration;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Runs;

/// <summary>The lock per run folder, with real concurrent processes: one wins, the other stops with one line, nothing is corrupted.</summary>
public class RunLockTests
{
    private static readonly string[] Small = ["--family", "sigmoid", "--latent", "4", "--encoder-hidden", "16,16", "--log-every", "100", "--checkpoint-every", "500", "--eval-samples", "200", "--quiet"];

    [Fact]
    public void A_lock_is_exclusive_and_released_on_dispose()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "run.partial");
        using (var first = RunLock.TryAcquire(dir))
        {
            Assert.NotNull(first);
            Assert.Null(RunLock.TryAcquire(dir));
            Assert.True(RunLock.IsHeldElsewhere(dir));
            Assert.Throws<RunBusyException>(() => RunLock.Acquire(dir));
        }
        using var second = RunLock.TryAcquire(dir);
        Assert.NotNull(second);
        Assert.True(SafeFolder.IsVaeLabMade(dir));
    }

    [Fact]
    public void Two_processes_training_one_folder_one_wins_the_other_stops_with_one_line()
    {
        string root = CliRunner.TempDir();
        string run = Path.Combine(root, "run");
        // 100,000 steps (a few seconds): 10,000 could finish before the second process had started, which then found a
        // finished run (exit 2) instead of a busy one. Logged every 1,000 steps, so metrics.csv still has 101 lines.
        string[] args = ["train", "--out", run, "--steps", "100000", .. Small.Select((a, i) => i > 0 && Small[i - 1] == "--log-every" ? "1000" : a)];
        using var first = CliProcess.Start(args);
        Assert.True(CliProcess.WaitFor(() => File.Exists(Path.Combine(RunLayout.PartialDir(run), RunLayout.ConfigFile))), "the first run did not start");
        var (exit, _, err) = CliProcess.Run(args);
        CliProcess.AssertOneLine(ExitCodes.Busy, exit, err);
        Assert.Contains("in use by another vaelab process", err);
        var (firstExit, _, firstErr) = CliProcess.Wait(first);
        Assert.True(firstExit == 0, firstErr);
        Assert.True(RunLayout.IsComplete(run));
        Assert.Equal(101, File.ReadAllLines(Path.Combine(run, RunLayout.MetricsFile)).Length);
        Assert.False(Directory.Exists(RunLayout.PartialDir(run)));
    }

    [Fact]
    public void The_stale_lock_of_a_killed_process_is_taken_over_and_the_rerun_resumes()
    {
        string root = CliRunner.TempDir();
        string run = Path.Combine(root, "run");
        string[] args = ["train", "--out", run, "--steps", "10000", .. Small];
        using (var victim = CliProcess.Start(args))
        {
            string checkpoint = Path.Combine(RunLayout.PartialDir(run), RunLayout.CheckpointFile);
            Assert.True(CliProcess.WaitFor(() => File.Exists(checkpoint) || victim.HasExited), "no checkpoint appeared");
            Assert.False(victim.HasExited, "the run finished before it could be killed");
            victim.Kill();
            victim.WaitForExit();
        }
        Assert.False(RunLock.IsHeldElsewhere(RunLayout.PartialDir(run)));
        // The same command again: takes the dead process's lock over, and resumes instead of starting over.
        var (exit, _, err) = CliProcess.Run(["train", "--out", run, "--steps", "10000", .. Small], 120);
        Assert.True(exit == 0, err);
        Assert.Contains("resuming it from its checkpoint", err);
        Assert.True(RunLayout.IsComplete(run));
        Assert.Equal(101, File.ReadAllLines(Path.Combine(run, RunLayout.MetricsFile)).Length);
    }

    [Fact]
    public void Two_shards_given_the_same_index_share_the_work_without_corrupting_a_run()
    {
        string root = CliRunner.TempDir();
        string sweep = Path.Combine(root, "s.json");
        File.WriteAllText(sweep, """
            { "name": "same", "base": { "family": "linear", "padding": 2, "latent": 4, "steps": 600, "logEvery": 100, "evalSamples": 200 },
              "grid": { "learningRate": [0.001, 0.002] }, "seeds": [0, 1] }
            """);
        string outDir = Path.Combine(root, "out");
        string[] args = ["sweep", sweep, "--out", outDir, "--shard", "0/1", "--jobs", "1", "--quiet"];
        using var a = CliProcess.Start(args);
        using var b = CliProcess.Start(args);
        var (ea, _, erra) = CliProcess.Wait(a, 120);
        var (eb, _, errb) = CliProcess.Wait(b, 120);
        Assert.True(ea == 0 && eb == 0, erra + errb);
        var runs = Directory.GetDirectories(Path.Combine(outDir, "runs", "same"));
        Assert.Equal(4, runs.Length);
        foreach (string run in runs)
        {
            Assert.True(RunLayout.IsComplete(run), run);
            Assert.True(File.Exists(Path.Combine(run, RunLayout.ConfigFile)) && File.Exists(Path.Combine(run, RunLayout.MetricsFile)), run);
            Assert.Equal(7, File.ReadAllLines(Path.Combine(run, RunLayout.MetricsFile)).Length);
            Assert.Empty(Directory.GetFiles(run, "*.tmp-*"));
        }
        var (collect, _, cerr) = CliRunner.Run("sweep", "collect", outDir);
        Assert.True(collect == 0, cerr);
    }
}

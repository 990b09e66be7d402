using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Runs;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Runs;

public class TrajectoryTests
{
    [Fact]
    public void Trajectory_rows_at_checkpoints_leave_training_bits_unchanged()
    {
        string root = CliRunner.TempDir();
        var config = RunConfig.Defaults(DataFamilyKind.Linear) with
        {
            DataDim = 3, Padding = 2, Latent = 4, Steps = 600, LogEvery = 100, EvalSamples = 500, TwoStage = false,
        };
        string often = Path.Combine(root, "often"), never = Path.Combine(root, "never");
        RunExecutor.Execute(config with { CheckpointEvery = 200 }, often, 1);
        RunExecutor.Execute(config with { CheckpointEvery = 0 }, never, 1);
        Assert.True(File.ReadAllBytes(Path.Combine(often, RunLayout.MetricsFile)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(never, RunLayout.MetricsFile))));
        // The parameters, byte for byte (the safetensors header differs: its metadata holds the config, checkpointEvery included).
        Assert.True(Tensors(often).AsSpan().SequenceEqual(Tensors(never)), "model parameters differ");
        var rows = TrajectoryRow.ReadAll(Path.Combine(often, RunLayout.TrajectoryFile));
        Assert.Equal([0L, 200, 400, 600], rows.Select(r => r.Step));
        Assert.Equal([0L, 600], TrajectoryRow.ReadAll(Path.Combine(never, RunLayout.TrajectoryFile)).Select(r => r.Step));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Containment) && double.IsFinite(r.Excess) && double.IsFinite(r.CovarianceError), $"{r}"));
        // Training moves the model towards the data: containment and excess fall from the random start.
        Assert.True(rows[^1].Containment < 0.5 * rows[0].Containment && rows[^1].Excess < 0.5 * rows[0].Excess, $"{rows[0]} -> {rows[^1]}");
        Assert.True(File.Exists(Path.Combine(often, RunLayout.TruthFile)));
    }

    private static byte[] Tensors(string dir)
    {
        var bytes = File.ReadAllBytes(Path.Combine(dir, RunLayout.ModelFile));
        long header = BitConverter.ToInt64(bytes, 0);
        return bytes[(int)(8 + header)..];
    }

    [Fact]
    public void Log_drops_rows_after_the_resumed_checkpoint()
    {
        string path = Path.Combine(CliRunner.TempDir(), "trajectory.csv");
        using (var log = new TrajectoryLog(path, null))
            foreach (long s in new long[] { 0, 100, 200, 200, 300 }) log.Write(new TrajectoryRow(s, 1, 2, 3, 0.1, 0.2, double.NaN));
        Assert.Equal([0L, 100, 200, 300], TrajectoryRow.ReadAll(path).Select(r => r.Step));
        using (var log = new TrajectoryLog(path, 100)) log.Write(new TrajectoryRow(200, 5, 2, 3, 0.1, 0.2, 0.5));
        var rows = TrajectoryRow.ReadAll(path);
        Assert.Equal([0L, 100, 200], rows.Select(r => r.Step));
        Assert.Equal(5, rows[^1].DecoderVariance);
    }
}

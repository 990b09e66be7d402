using VaeLab.Core;
using VaeLab.Training;

namespace VaeLab.Runs;

/// <summary>
/// What a resume must prove before it trusts a checkpoint: its step is within the run, it was written for the config
/// the folder holds now, and the logs hold every byte it vouches for, none of them NUL (what a node crash leaves where
/// the file system had reserved but not written blocks). What is lost cannot be rebuilt, so each failure refuses.
/// </summary>
public static class ResumeChecks
{
    /// <summary>Throws <see cref="ConfigException"/> naming the file and what is wrong; returns when the checkpoint can be trusted.</summary>
    public static void Check(TrainerState state, long steps, string configHash, string checkpointPath, string dir, string metricsFile, string? timingFile)
    {
        if (state.Step > steps)
            throw new ConfigException($"checkpoint '{checkpointPath}' is at step {state.Step} but the run has {steps} steps; it belongs to another run.");
        if (state.ConfigHash.Length > 0 && state.ConfigHash != configHash)
            throw new ConfigException($"checkpoint '{checkpointPath}' was written for other settings than '{dir}/{RunLayout.ConfigFile}' holds now; it was not used.");
        CheckLog(Path.Combine(dir, metricsFile), state.LogLengths.ElementAtOrDefault(0), state.Step);
        if (timingFile != null) CheckLog(Path.Combine(dir, timingFile), state.LogLengths.ElementAtOrDefault(1), state.Step);
    }

    private static void CheckLog(string path, long lengthAtCheckpoint, long step)
    {
        if (lengthAtCheckpoint == 0) return;
        string? problem = !File.Exists(path) ? "is missing"
            : new FileInfo(path).Length < lengthAtCheckpoint ? $"has {new FileInfo(path).Length} bytes, fewer than the {lengthAtCheckpoint} its checkpoint at step {step} vouches for"
            : HasNul(path, lengthAtCheckpoint) ? "holds NUL bytes where logged rows should be" : null;
        if (problem != null)
            throw new ConfigException($"'{path}' {problem}: the log was lost in a crash and cannot be rebuilt; start the run again with another --out (the folder is kept).");
    }

    private static bool HasNul(string path, long length)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        for (long done = 0; done < length;)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - done));
            if (n == 0 || buffer.AsSpan(0, n).Contains((byte)0)) return true;
            done += n;
        }
        return false;
    }
}

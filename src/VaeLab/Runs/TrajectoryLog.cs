using System.Globalization;
using VaeLab.Diagnostics;

namespace VaeLab.Runs;

/// <summary>
/// trajectory.csv of a run: one <see cref="TrajectoryRow"/> per checkpoint (and at step 0). On resume, rows after the checkpoint's
/// step are dropped, so a resumed run ends with the same file as an uninterrupted one.
/// </summary>
public sealed class TrajectoryLog : IDisposable
{
    private readonly StreamWriter _writer;
    private long _last;

    /// <summary>Opens <paramref name="path"/>, keeping the rows up to <paramref name="resumeStep"/> (none for a fresh run, step 0).</summary>
    public TrajectoryLog(string path, long? resumeStep)
    {
        var kept = resumeStep is { } step && File.Exists(path)
            ? File.ReadLines(path).Skip(1).Where(l => l.Length > 0 && long.Parse(l[..l.IndexOf(',')], CultureInfo.InvariantCulture) <= step).ToArray()
            : [];
        _last = kept.Length > 0 ? long.Parse(kept[^1][..kept[^1].IndexOf(',')], CultureInfo.InvariantCulture) : -1;
        _writer = new StreamWriter(path, append: false);
        _writer.WriteLine(TrajectoryRow.Header);
        foreach (string line in kept) _writer.WriteLine(line);
        _writer.Flush();
    }

    /// <summary>Appends a row unless one for its step (or a later one) is already there.</summary>
    public void Write(TrajectoryRow row)
    {
        if (row.Step <= _last) return;
        _writer.WriteLine(row.ToCsv());
        _writer.Flush();
        _last = row.Step;
    }

    /// <summary>Closes trajectory.csv.</summary>
    public void Dispose() => _writer.Dispose();
}

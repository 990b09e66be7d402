using VaeLab.Diagnostics;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>Figures and words about trajectory.csv: a run's diagnostics over training, and one measurement over a grid's runs.</summary>
public static class TrajectoryFigures
{
    /// <summary>log10 of excess, containment, σ² and (linear) the covariance error against the step, for one run.</summary>
    public static void Run(string path, string title, IReadOnlyList<TrajectoryRow> rows)
    {
        var steps = rows.Select(r => (double)r.Step).ToArray();
        var series = new List<(string, double[], double[])>
        {
            ("excess e", steps, Log(rows.Select(r => r.Excess))),
            ("containment c", steps, Log(rows.Select(r => r.Containment))),
            ("decoder variance σ²", steps, Log(rows.Select(r => r.DecoderVariance))),
        };
        if (rows.Any(r => double.IsFinite(r.CovarianceError))) series.Add(("covariance error", steps, Log(rows.Select(r => r.CovarianceError))));
        Figures.Lines(path, title, "step", "log10 value", series.ToArray());
    }

    /// <summary>One line per run of a grid: log10 of <paramref name="value"/> against the step.</summary>
    public static void Grid(string path, string title, string label, IReadOnlyList<(string Run, IReadOnlyList<TrajectoryRow> Rows)> runs, Func<TrajectoryRow, double> value) =>
        Figures.Lines(path, title, "step", "log10 " + label,
            runs.Where(r => r.Rows.Count > 0).Select(r => (r.Run, r.Rows.Select(x => (double)x.Step).ToArray(), Log(r.Rows.Select(value)))).ToArray());

    /// <summary>The rows of a run folder's trajectory.csv (none when it has none).</summary>
    public static IReadOnlyList<TrajectoryRow> Read(string dir) => TrajectoryRow.ReadAll(Path.Combine(dir, RunLayout.TrajectoryFile));

    private static double[] Log(IEnumerable<double> values) => values.Select(v => Math.Log10(Math.Max(v, 1e-30))).ToArray();
}

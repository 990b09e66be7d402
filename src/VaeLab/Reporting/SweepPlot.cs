using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.Distributions;
using ScottPlot;
using VaeLab.Claims;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Core;

namespace VaeLab.Reporting;

/// <summary>
/// `vaelab sweep plot`: a metric over the grid axes of a finished sweep. With one axis (--x) a line per combination
/// of the other grid settings, the mean over seeds with its 95% interval as a band; with two (--x, --y) a heatmap of
/// the mean (or of the fraction of runs where a claim holds) pooled over seeds and the other settings.
/// </summary>
public static class SweepPlot
{
    /// <summary>Draws the plot into <paramref name="path"/> and returns its cells.</summary>
    public static IReadOnlyList<SweepPlotCell> Draw(SweepSpec spec, IReadOnlyList<RunRecord> records, string x, string? y, SweepMetric metric, string path,
        bool overwrite = true)
    {
        string[] keys = spec.Grid.Select(g => g.Key).ToArray();
        foreach (var (option, key) in new[] { ("--x", x), ("--y", y) })
            if (key != null && !keys.Contains(key))
                throw new ConfigException($"{option} '{key}' is not a grid setting of sweep '{spec.Name}'; its grid settings are {(keys.Length == 0 ? "none" : string.Join(", ", keys))}.");
        if (y == x) throw new ConfigException($"--y must differ from --x (both '{x}').");
        string[] xs = Levels(spec, x);
        var rows = records.Select(r => (Settings: Settings(r), Value: metric.Value(r))).Where(p => !double.IsNaN(p.Value)).ToArray();
        if (rows.Length == 0)
            throw new ConfigException($"--metric '{metric.Name}' has no value in any run of '{spec.Name}'" + (metric.Name.StartsWith("outcome=", StringComparison.Ordinal)
                ? " (these runs record no outcome)." : " (it does not apply to these runs)."));
        string[] ys = y != null ? Levels(spec, y) : [.. rows.Select(r => Series(r.Settings, keys, x)).Distinct()];
        var cells = new List<SweepPlotCell>();
        foreach (string yv in ys)
            foreach (string xv in xs)
            {
                var v = rows.Where(r => r.Settings[x] == xv && (y != null ? r.Settings[y] == yv : Series(r.Settings, keys, x) == yv)).Select(r => r.Value).ToArray();
                cells.Add(Cell(xv, yv, v, metric.IsFraction));
            }
        var plt = new Plot();
        string what = metric.IsFraction ? $"fraction of runs: {metric.Name}" : $"mean {metric.Name}";
        if (y != null) Heatmap(plt, cells, xs, ys, metric.IsFraction);
        else Lines(plt, cells, xs, ys);
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, xs.Length).Select(i => (double)i).ToArray(), xs);
        plt.Title($"{spec.Name}: {what}" + (y != null ? $" by {x} and {y}" : $" by {x} (95% interval)"));
        plt.XLabel(x);
        plt.YLabel(y ?? what);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Figures.SavePng(plt, path, 760, 540, overwrite);
        return cells;
    }

    private static SweepPlotCell Cell(string x, string y, double[] v, bool fraction)
    {
        if (v.Length == 0) return new SweepPlotCell(x, y, 0, double.NaN, double.NaN, double.NaN);
        double mean = v.Average();
        if (fraction)
        {
            var (lo, hi) = WilsonInterval.Of((int)Math.Round(v.Sum()), v.Length);
            return new SweepPlotCell(x, y, v.Length, mean, lo, hi);
        }
        if (v.Length < 2) return new SweepPlotCell(x, y, 1, mean, double.NaN, double.NaN);
        double sd = Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / (v.Length - 1));
        double half = StudentT.InvCDF(0, 1, v.Length - 1, 0.975) * sd / Math.Sqrt(v.Length);
        return new SweepPlotCell(x, y, v.Length, mean, mean - half, mean + half);
    }

    private static void Heatmap(Plot plt, List<SweepPlotCell> cells, string[] xs, string[] ys, bool fraction)
    {
        // Row i of the intensities is drawn at y = ys.Length - 1 - i: the first level of --y at the bottom.
        var data = new double[ys.Length, xs.Length];
        for (int i = 0; i < ys.Length; i++)
            for (int j = 0; j < xs.Length; j++) data[ys.Length - 1 - i, j] = cells[i * xs.Length + j].Value;
        var hm = plt.Add.Heatmap(data);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.Position = new CoordinateRect(0, Math.Max(xs.Length - 1, 1e-9), 0, Math.Max(ys.Length - 1, 1e-9));
        if (fraction) hm.ManualRange = new ScottPlot.Range(0, 1);
        plt.Add.ColorBar(hm);
        for (int i = 0; i < ys.Length; i++)
            for (int j = 0; j < xs.Length; j++)
            {
                var c = cells[i * xs.Length + j];
                var t = plt.Add.Text(c.Runs == 0 ? "no runs" : $"{ClaimRules.G(c.Value)}\nn = {c.Runs}", j, i);
                t.LabelFontColor = Colors.White;
                t.LabelBackgroundColor = Colors.Black.WithAlpha(0.45);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontSize = 13;
            }
        plt.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray(), ys);
        plt.Axes.SetLimits(-0.5, xs.Length - 0.5, -0.5, ys.Length - 0.5);
    }

    private static void Lines(Plot plt, List<SweepPlotCell> cells, string[] xs, string[] series)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (int s = 0; s < series.Length; s++)
        {
            var points = cells.Skip(s * xs.Length).Take(xs.Length).Select((c, j) => (X: (double)j, c)).Where(p => p.c.Runs > 0).ToArray();
            var color = palette.GetColor(s);
            var band = points.Where(p => double.IsFinite(p.c.Lower)).ToArray();
            if (band.Length > 1)
            {
                var fill = plt.Add.FillY(band.Select(p => p.X).ToArray(), band.Select(p => p.c.Lower).ToArray(), band.Select(p => p.c.Upper).ToArray());
                fill.FillColor = color.WithAlpha(0.2);
                fill.LineColor = color.WithAlpha(0);
            }
            var line = plt.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.c.Value).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = series[s].Length == 0 ? "mean over seeds" : series[s];
        }
        plt.ShowLegend();
    }

    private static string[] Levels(SweepSpec spec, string key) => spec.Grid.First(g => g.Key == key).Values.Select(Label).ToArray();

    private static Dictionary<string, string> Settings(RunRecord r)
    {
        var node = JsonSerializer.SerializeToNode(r.Run.Config, Json.Options)!.AsObject();
        return node.ToDictionary(kv => kv.Key, kv => Label(kv.Value));
    }

    private static string Series(Dictionary<string, string> settings, string[] keys, string x) =>
        string.Join(", ", keys.Where(k => k != x).Select(k => $"{k} {settings[k]}"));

    private static string Label(JsonNode? v) => v switch
    {
        null => "null",
        JsonValue value when value.TryGetValue(out double d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToJsonString().Trim('"'),
    };
}

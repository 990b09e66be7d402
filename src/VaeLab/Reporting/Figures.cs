using ScottPlot;
using SkiaSharp;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Training;

namespace VaeLab.Reporting;

/// <summary>The PNG figures of a run (ScottPlot 5), each with a title, axis labels and a legend.</summary>
public static class Figures
{
    private static readonly Color TrueColor = Colors.Orange, GeneratedColor = Colors.Blue, TwoStageColor = Colors.Green;
    private const int MaxPoints = 3000;

    /// <summary>
    /// The poster's scatter: x = ⟨a*, x[:d]⟩, y = x[d]; true samples orange, generated blue. Extra series
    /// (for instance two-stage samples) may be passed as (label, samples).
    /// </summary>
    public static void SigmoidScatter(string path, SigmoidFamily family, float[] truth, string title, params (string Label, float[] Samples)[] generated)
    {
        var plt = new Plot();
        Scatter(plt, family, truth, "true samples", TrueColor);
        Color[] colors = [GeneratedColor, TwoStageColor];
        for (int i = 0; i < generated.Length; i++) Scatter(plt, family, generated[i].Samples, generated[i].Label, colors[i % colors.Length]);
        Finish(plt, path, title, "⟨a*, x[:d]⟩", "x[d]");
    }

    private static void Scatter(Plot plt, SigmoidFamily family, float[] x, string label, Color color)
    {
        int n = family.AmbientDim, d = family.LatentDim, count = Math.Min(MaxPoints, x.Length / n);
        var xs = new double[count];
        var ys = new double[count];
        for (int i = 0; i < count; i++)
        {
            xs[i] = family.Projection(x.AsSpan(i * n, d));
            ys[i] = x[i * n + d];
        }
        var s = plt.Add.ScatterPoints(xs, ys);
        s.Color = color.WithAlpha(0.5);
        s.MarkerSize = 3;
        s.MarkerShape = MarkerShape.FilledSquare; // 3-pixel squares: drawn about twice as fast as circles, alike at this size
        s.LegendText = label;
    }

    /// <summary>Histogram of ‖x[:d]‖ for generated and true samples (sphere runs).</summary>
    public static void NormHistogram(string path, DataFamily family, float[] truth, float[] generated, string title)
    {
        static double[] Norms(DataFamily f, float[] x)
        {
            int n = f.AmbientDim, count = x.Length / n;
            var r = new double[count];
            for (int i = 0; i < count; i++) r[i] = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(x.AsSpan(i * n, f.BlockDim)));
            return r;
        }
        var t = Norms(family, truth);
        var g = Norms(family, generated);
        double lo = Math.Min(0.5, g.Min()), hi = Math.Max(1.5, Math.Min(g.Max(), 3));
        var plt = new Plot();
        Histogram(plt, g, lo, hi, "generated", GeneratedColor);
        Histogram(plt, t, lo, hi, "true", TrueColor);
        Finish(plt, path, title, "‖x[:d]‖", "density");
    }

    private static void Histogram(Plot plt, double[] values, double lo, double hi, string label, Color color)
    {
        const int bins = 60;
        double width = (hi - lo) / bins;
        var counts = new double[bins];
        foreach (double v in values)
        {
            int b = (int)((v - lo) / width);
            if (b >= 0 && b < bins) counts[b] += 1.0 / (values.Length * width);
        }
        var centers = Enumerable.Range(0, bins).Select(b => lo + (b + 0.5) * width).ToArray();
        var s = plt.Add.Scatter(centers, counts);
        s.Color = color;
        s.MarkerSize = 0;
        s.LineWidth = 2;
        s.ConnectStyle = ConnectStyle.StepHorizontal;
        s.LegendText = label;
    }

    /// <summary>2-D projection x[0] vs x[1], generated and true.</summary>
    public static void ProjectionScatter(string path, int n, float[] truth, float[] generated, string title)
    {
        var plt = new Plot();
        foreach (var (x, label, color) in new[] { (generated, "generated", GeneratedColor), (truth, "true", TrueColor) })
        {
            int count = Math.Min(MaxPoints, x.Length / n);
            var s = plt.Add.ScatterPoints(Enumerable.Range(0, count).Select(i => (double)x[i * n]).ToArray(), Enumerable.Range(0, count).Select(i => (double)x[i * n + 1]).ToArray());
            s.Color = color.WithAlpha(0.5);
            s.MarkerSize = 3;
            s.MarkerShape = MarkerShape.FilledSquare;
            s.LegendText = label;
        }
        Finish(plt, path, title, "x[0]", "x[1]");
    }

    /// <summary>Sorted values on a log10 axis with a horizontal threshold line.</summary>
    public static void LogValues(string path, IReadOnlyList<double> values, double threshold, string title, string xLabel, string yLabel, string seriesLabel, string thresholdLabel)
    {
        var plt = new Plot();
        var xs = Enumerable.Range(1, values.Count).Select(i => (double)i).ToArray();
        var ys = values.Select(v => Math.Log10(Math.Max(v, 1e-30))).ToArray();
        var s = plt.Add.Scatter(xs, ys);
        s.Color = GeneratedColor;
        s.MarkerSize = 7;
        s.LegendText = seriesLabel;
        var line = plt.Add.HorizontalLine(Math.Log10(threshold));
        line.Color = Colors.Red;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = thresholdLabel;
        Finish(plt, path, title, xLabel, "log10 " + yLabel);
    }

    /// <summary>A quantity of metrics.csv against the step.</summary>
    public static void Curve(string path, IReadOnlyList<MetricsRow> rows, Func<MetricsRow, double> value, string title, string yLabel, string label)
    {
        var plt = new Plot();
        var s = plt.Add.Scatter(rows.Select(r => (double)r.Step).ToArray(), rows.Select(value).ToArray());
        s.MarkerSize = 0;
        s.LineWidth = 2;
        s.Color = GeneratedColor;
        s.LegendText = label;
        Finish(plt, path, title, "step", yLabel);
    }

    /// <summary>Lines of y against x, one per series, for theory figures.</summary>
    public static void Lines(string path, string title, string xLabel, string yLabel, params (string Label, double[] X, double[] Y)[] series)
    {
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Length; i++)
        {
            var s = plt.Add.Scatter(series[i].X, series[i].Y);
            s.MarkerSize = 0;
            s.LineWidth = 2;
            s.Color = palette.GetColor(i);
            s.LegendText = series[i].Label;
        }
        Finish(plt, path, title, xLabel, yLabel);
    }

    internal static void Finish(Plot plt, string path, string title, string xLabel, string yLabel)
    {
        plt.Title(title);
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        plt.ShowLegend();
        SavePng(plt, path, 720, 520);
    }

    /// <summary>
    /// Renders <paramref name="plt"/> and writes it as a PNG through a temporary file (<see cref="AtomicFile"/>). The encoder uses the "up" row filter and
    /// zlib level 3 instead of ScottPlot's default (every filter tried on every row, level 6): several times faster to write, for
    /// files about a tenth larger, the same pixels.
    /// </summary>
    public static void SavePng(Plot plt, string path, int width, int height, bool overwrite = true)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException($"cannot create a {width} x {height} drawing surface for {path}.");
        plt.Render(surface.Canvas, width, height);
        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 3));
        AtomicFile.Write(path, png.SaveTo, overwrite);
    }
}

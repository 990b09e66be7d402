using ScottPlot;
using VaeLab.Claims;

namespace VaeLab.Reporting;

/// <summary>Figures of the judging (SCIENCE.md section 9): the outcome mix per configuration and the local ranks where they matter.</summary>
public static class JudgingFigures
{
    private static readonly Color[] OutcomeColors = [Colors.Gray, Colors.Green, Colors.Orange, Colors.Red];

    /// <summary>One stacked bar per configuration: collapsed (grey), correct (green), strict-superset (orange), wrong (red) runs.</summary>
    public static void OutcomeMix(string path, string grid, IReadOnlyList<OutcomeMix> mixes)
    {
        var plt = new Plot();
        var rows = mixes.Where(m => m.Configuration != null).ToArray();
        var bars = new List<Bar>();
        for (int i = 0; i < rows.Length; i++)
        {
            double bottom = 0;
            for (int k = 0; k < RunOutcomeText.All.Length; k++)
            {
                int count = rows[i].Count(RunOutcomeText.All[k]);
                if (count == 0) continue;
                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + count, FillColor = OutcomeColors[k] });
                bottom += count;
            }
        }
        plt.Add.Bars(bars);
        for (int k = 0; k < RunOutcomeText.All.Length; k++)
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = RunOutcomeText.All[k].Name(), FillColor = OutcomeColors[k] });
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows.Length).Select(i => (double)i).ToArray(), rows.Select(r => r.Configuration!).ToArray());
        // Run counts: whole-number ticks; headroom above the tallest bar so the legend (upper right) covers no bar.
        plt.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plt.Axes.Margins(bottom: 0, top: 0.3);
        plt.Legend.Alignment = Alignment.UpperRight;
        Figures.Finish(plt, path, $"{grid}: outcome of every run per configuration", "configuration", "runs");
    }

    /// <summary>Local-rank histograms of the decoder Jacobian at prior samples and at encoder means of true points, side by side.</summary>
    public static void LocalRanks(string path, string title, IReadOnlyDictionary<int, int> atPrior, IReadOnlyDictionary<int, int> atData, int r)
    {
        var plt = new Plot();
        var bars = new List<Bar>();
        foreach (var (rank, count) in atPrior) bars.Add(new Bar { Position = rank - 0.2, Value = count, Size = 0.4, FillColor = Colors.Blue });
        foreach (var (rank, count) in atData) bars.Add(new Bar { Position = rank + 0.2, Value = count, Size = 0.4, FillColor = Colors.Orange });
        plt.Add.Bars(bars);
        var line = plt.Add.VerticalLine(r);
        line.Color = Colors.Red;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = $"r = {r}";
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "at prior samples s ~ N(0, I)", FillColor = Colors.Blue });
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "at encoder means μ(x) of true points", FillColor = Colors.Orange });
        plt.Axes.Margins(bottom: 0);
        Figures.Finish(plt, path, title, "local rank", "Jacobian points");
    }

    /// <summary>The median singular-value spectra (log10) at prior samples and at encoder means, with the rank threshold.</summary>
    public static void MedianSpectra(string path, string title, double[] atPrior, double[] atData, double relativeThreshold)
    {
        var plt = new Plot();
        (string Label, double[] Values, Color Color)[] series = [("at prior samples", atPrior, Colors.Blue), ("at encoder means of true points", atData, Colors.Orange)];
        foreach (var (label, values, color) in series)
        {
            if (values.Length == 0) continue;
            var s = plt.Add.Scatter(Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray(), values.Select(v => Math.Log10(Math.Max(v, 1e-30))).ToArray());
            s.Color = color;
            s.MarkerSize = 7;
            s.LegendText = label;
        }
        if (atPrior.Length > 0 && atPrior[0] > 0)
        {
            var line = plt.Add.HorizontalLine(Math.Log10(relativeThreshold * atPrior[0]));
            line.Color = Colors.Red;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"rank threshold ({relativeThreshold} x largest)";
        }
        Figures.Finish(plt, path, title, "index", "log10 median singular value");
    }
}

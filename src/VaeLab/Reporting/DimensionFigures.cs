using ScottPlot;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>The figures of a dimension study: per-point estimates against the truth, and the VAE's local spectra.</summary>
public static class DimensionFigures
{
    /// <summary>File names inside the study folder.</summary>
    public const string EstimatesFile = "dimension-estimates.png", SpectraFile = "dimension-spectra.png";

    private const int MaxPerGroup = 400;

    /// <summary>Writes both figures into <paramref name="dir"/>.</summary>
    public static void Write(string dir, DimensionResult r)
    {
        Estimates(Path.Combine(dir, EstimatesFile), r);
        Spectra(Path.Combine(dir, SpectraFile), r);
    }

    /// <summary>
    /// A strip chart: for each true dimension (x), one column of per-point estimates (y) per estimator, with the mean
    /// as a large marker and the truth as a grey bar. Without truth, one column per estimator.
    /// </summary>
    public static void Estimates(string path, DimensionResult r)
    {
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        bool hasTruth = r.Truth.Length > 0;
        int[] truth = hasTruth ? r.Truth : new int[r.Estimates[0].PerPoint.Length];
        var dims = truth.Distinct().Order().ToArray();
        int e = r.Estimates.Length;
        double width = hasTruth ? 0.8 / e : 0, jitter = hasTruth ? 0.3 * width : 0.25;
        var rng = new Random.Xoshiro256StarStar(7);
        for (int k = 0; k < e; k++)
        {
            var est = r.Estimates[k];
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (int d in dims)
            {
                double centre = hasTruth ? d + (k - (e - 1) / 2.0) * width : k;
                var values = Enumerable.Range(0, truth.Length).Where(i => truth[i] == d && !double.IsNaN(est.PerPoint[i])).Select(i => est.PerPoint[i]).ToArray();
                foreach (double v in values.Take(MaxPerGroup))
                {
                    xs.Add(centre + (rng.NextDouble() - 0.5) * 2 * jitter);
                    ys.Add(Math.Min(v, r.AmbientDim + 1));
                }
                if (values.Length == 0) continue;
                var mean = plt.Add.Marker(centre, values.Average());
                mean.Color = palette.GetColor(k);
                mean.Size = 12;
                mean.Shape = MarkerShape.FilledDiamond;
                if (d == dims[0]) mean.LegendText = est.Estimator;
            }
            var s = plt.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            s.Color = palette.GetColor(k).WithAlpha(0.25);
            s.MarkerSize = 3;
        }
        if (hasTruth)
        {
            foreach (int d in dims)
            {
                var bar = plt.Add.Line(d - 0.45, d, d + 0.45, d);
                bar.Color = Colors.Black.WithAlpha(0.6);
                bar.LineWidth = 2;
                bar.LinePattern = LinePattern.Dashed;
            }
            plt.Axes.Bottom.SetTicks(dims.Select(d => (double)d).ToArray(), dims.Select(d => $"true {d}").ToArray());
        }
        else plt.Axes.Bottom.SetTicks(Enumerable.Range(0, e).Select(k => (double)k).ToArray(), r.Estimates.Select(x => x.Estimator).ToArray());
        string noise = r.NoiseVariance > 0 ? $", noise σ = {Math.Sqrt(r.NoiseVariance):G3}" : "";
        Finish(plt, path, $"{r.Family}{(r.Rotated ? " (rotated)" : "")}: per-point dimension, n = {r.AmbientDim}{noise}",
            hasTruth ? "true dimension (dashed bar); columns = estimators" : "estimator", "estimate (diamond = mean)");
    }

    /// <summary>
    /// The VAE's local singular values at μ(x), relative to the largest at that point: the median over points (solid)
    /// and the 10% and 90% quantiles (dotted), per true dimension, with the rank threshold.
    /// </summary>
    public static void Spectra(string path, DimensionResult r)
    {
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        bool hasTruth = r.Truth.Length > 0;
        int[] truth = hasTruth ? r.Truth : new int[r.Spectra.Length];
        var dims = truth.Distinct().Order().ToArray();
        int m = r.Spectra.Length == 0 ? 0 : r.Spectra[0].Length; // min(n, m) singular values
        var index = Enumerable.Range(1, m).Select(i => (double)i).ToArray();
        for (int g = 0; g < dims.Length; g++)
        {
            var rows = Enumerable.Range(0, truth.Length).Where(i => truth[i] == dims[g]).Select(i => r.Spectra[i]).ToArray();
            double[] Quantile(double q) => Enumerable.Range(0, m).Select(j =>
            {
                var v = rows.Select(s => Math.Log10(Math.Max(s[j] / Math.Max(s[0], 1e-300), 1e-12))).Order().ToArray();
                return v[(int)Math.Clamp(Math.Round(q * (v.Length - 1)), 0, v.Length - 1)];
            }).ToArray();
            var median = plt.Add.Scatter(index, Quantile(0.5));
            median.Color = palette.GetColor(g);
            median.LineWidth = 2;
            median.MarkerSize = 6;
            median.LegendText = hasTruth ? $"true dimension {dims[g]} (median)" : "median over points";
            foreach (double q in new[] { 0.1, 0.9 })
            {
                var band = plt.Add.Scatter(index, Quantile(q));
                band.Color = palette.GetColor(g).WithAlpha(0.6);
                band.LineWidth = 1;
                band.MarkerSize = 0;
                band.LinePattern = LinePattern.Dotted;
            }
        }
        plt.Axes.Bottom.SetTicks(index, index.Select(i => i.ToString("0")).ToArray());
        var line = plt.Add.HorizontalLine(Math.Log10(r.Options.RankThreshold));
        line.Color = Colors.Red;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = $"rank threshold {r.Options.RankThreshold:G3} x largest";
        Finish(plt, path, $"{r.Family}: decoder Jacobian spectra at μ(x) (dotted: 10% / 90%)", "singular value index", "log10 s_i / s_1", Alignment.LowerLeft);
    }

    private static void Finish(Plot plt, string path, string title, string xLabel, string yLabel, Alignment legend = Alignment.UpperLeft)
    {
        plt.Title(title);
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        plt.ShowLegend(legend);
        Figures.SavePng(plt, path, 900, 560);
    }
}

using VaeLab.Reporting;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Reporting;

[Collection("cli")]
public class SweepPlotTests
{
    [Fact]
    public void Heatmap_and_line_plot_agree_with_results_csv_and_land_in_report_html()
    {
        string root = CliRunner.TempDir();
        string sweep = Path.Combine(root, "s.json"), dir = Path.Combine(root, "out");
        File.WriteAllText(sweep, """
            { "name": "plot", "base": { "family": "linear", "padding": 2, "steps": 300, "logEvery": 100, "evalSamples": 300 },
              "grid": { "latent": [3, 4], "learningRate": [0.001, 0.003] }, "seeds": [0, 1] }
            """);
        Assert.Equal(0, CliRunner.Run("sweep", sweep, "--out", dir, "--jobs", "2", "--quiet").Exit);
        // 300 steps leave no active latent, so every run is collapsed and no claim counts (SCIENCE.md section 9): plot the
        // outcome instead, the fraction of collapsed runs.
        var (code, stdout, err) = CliRunner.Run("sweep", "plot", dir, "--x", "learningRate", "--y", "latent", "--metric", "outcome=collapsed");
        Assert.True(code == 0, err);
        string png = Path.Combine(dir, "plots", "outcome-collapsed-by-learningRate-latent.png");
        Assert.True(new FileInfo(png).Length > 1000);
        Assert.Contains("alt=\"outcome-collapsed-by-learningRate-latent\" src=\"data:image/png;base64,", File.ReadAllText(Path.Combine(dir, "report.html")));

        // Independent count from results.csv: the fraction of collapsed runs per (learningRate, latent).
        var lines = File.ReadAllLines(Path.Combine(dir, "results.csv"));
        var header = lines[0].Split(',');
        int config = Array.IndexOf(header, "configuration"), c5 = Array.IndexOf(header, "outcome");
        var cells = SweepReport.Plot(dir, "learningRate", "latent", "outcome=collapsed", null).Cells;
        Assert.Equal(4, cells.Count);
        foreach (var cell in cells)
        {
            var rows = lines.Skip(1).Select(l => l.Split(',')).Where(r => r[config].StartsWith($"latent{cell.Y}_learningRate{cell.X}_")).ToArray();
            Assert.Equal(2, rows.Length);
            Assert.Equal(rows.Count(r => r[c5] == "collapsed") / 2.0, cell.Value);
            Assert.Equal(rows.Length, cell.Runs);
        }

        // A line per latent size, mean over the two seeds with a Student-t interval.
        var line = SweepReport.Plot(dir, "learningRate", null, "finalLoss", null).Cells;
        Assert.Equal(4, line.Count);
        Assert.All(line, c => Assert.True(c.Lower <= c.Value && c.Value <= c.Upper && c.Runs == 2));
        Assert.True(File.Exists(Path.Combine(dir, "plots", "finalLoss-by-learningRate.png")));

        var (c1, _, e1) = CliRunner.Run("sweep", "plot", dir, "--x", "lr", "--metric", "C5");
        Assert.Equal(2, c1);
        Assert.Equal("error: --x 'lr' is not a grid setting of sweep 'plot'; its grid settings are latent, learningRate.", e1.Trim());
        var (c2, _, e2) = CliRunner.Run("sweep", "plot", dir, "--x", "latent", "--metric", "C99");
        Assert.Equal(2, c2);
        Assert.StartsWith("error: --metric 'C99' is not a metric, a claim or outcome;", e2);
        var (c3, _, e3) = CliRunner.Run("sweep", "plot", dir, "--x", "latent", "--metric", "C7");
        Assert.Equal(2, c3);
        Assert.Contains("does not apply to these runs", e3);
        Directory.Delete(root, true);
    }
}

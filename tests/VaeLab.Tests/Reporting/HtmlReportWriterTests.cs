using System.Text.RegularExpressions;
using VaeLab.Reporting;

namespace VaeLab.Tests.Reporting;

public class HtmlReportWriterTests
{
    private static HtmlReport Report(string png) => new(
        "T <script>",
        ["fact & one"],
        new ReportTable("claims", "", ["claim", "verdict"], [[new ReportCell("C1", SortKey: 1), new ReportCell("holds (2/2)", "#claim-C1", 1, "holds")]]),
        new Dictionary<string, IReadOnlyList<(string, string, string)>> { ["C1"] = [("run-a", "a", "holds: rank 3")] },
        [], [new ReportFigure("plot", png)],
        [new ReportRunSection("run-a", "a", [("rank", "3")], new ReportTable("run-a-claims", "", ["claim"], [[new ReportCell("C1")]]), [], "{\"latent\": 3}")]);

    [Fact]
    public void The_report_stands_alone_embeds_figures_and_escapes_text()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vaelab-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 250];
        string pngPath = Path.Combine(dir, "f.png");
        File.WriteAllBytes(pngPath, png);
        string html = HtmlReportWriter.Render(Report(pngPath));
        var uri = Regex.Match(html, "src=\"data:image/png;base64,([^\"]+)\"");
        Assert.True(uri.Success);
        Assert.Equal(png, Convert.FromBase64String(uri.Groups[1].Value));
        Assert.Contains("<title>T &lt;script&gt;</title>", html);
        Assert.Contains("fact &amp; one", html);
        Assert.Contains("<td class=\"holds\" data-sort=\"1\"><a href=\"#claim-C1\">holds (2/2)</a></td>", html);
        Assert.Contains("<details id=\"claim-C1\">", html);
        Assert.Contains("<section class=\"run\" id=\"run-a\">", html);
        Assert.Contains("{&quot;latent&quot;: 3}", html);
        Assert.Contains("prefers-color-scheme: dark", html);
        // Nothing is fetched: no src or href leaves the file, and the CSP forbids it anyway.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("default-src 'none'", html);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_missing_figure_is_left_out_and_a_ragged_row_is_an_error()
    {
        string html = HtmlReportWriter.Render(Report("/nonexistent/f.png"));
        Assert.DoesNotContain("data:image/png", html);
        var bad = Report("/nonexistent/f.png") with { Claims = new ReportTable("claims", "", ["a", "b"], [[new ReportCell("x")]]) };
        var e = Assert.Throws<ArgumentException>(() => HtmlReportWriter.Render(bad));
        Assert.Contains("1 cells for 2 columns", e.Message);
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using VaeLab.Core;

namespace VaeLab.Reporting;

/// <summary>
/// Renders an <see cref="HtmlReport"/> as one self-contained HTML file: PNGs embedded as base64 data URIs, inline CSS
/// and an inline sorting script, no network access, readable from disk without a server.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The report's file name inside a run or sweep folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Writes the report to <paramref name="path"/> (write-then-rename).</summary>
    public static void Write(HtmlReport report, string path) => AtomicFile.WriteText(path, Render(report));

    /// <summary>The HTML text of the report.</summary>
    public static string Render(HtmlReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
          .Append("<title>").Append(E(report.Title)).Append("</title>\n<style>").Append(HtmlReportAssets.Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(report.Title)).Append("</h1>\n<ul class=\"facts\">\n");
        foreach (string fact in report.Facts) sb.Append("<li>").Append(E(fact)).Append("</li>\n");
        sb.Append("</ul>\n<h2 id=\"claims-section\">Claims</h2>\n");
        Table(sb, report.Claims);
        if (report.ClaimRuns.Count > 0)
        {
            sb.Append("<h3>Runs behind each verdict</h3>\n");
            foreach (var (claim, runs) in report.ClaimRuns)
            {
                sb.Append("<details id=\"claim-").Append(E(claim)).Append("\"><summary>").Append(E(claim)).Append(": ")
                  .Append(runs.Count).Append(runs.Count == 1 ? " run" : " runs").Append("</summary>\n<ul>\n");
                foreach (var (anchor, title, verdict) in runs)
                    sb.Append("<li><a href=\"#").Append(E(anchor)).Append("\">").Append(E(title)).Append("</a>: ").Append(E(verdict)).Append("</li>\n");
                sb.Append("</ul></details>\n");
            }
        }
        foreach (string note in report.Notes ?? []) sb.Append("<p>").Append(E(note)).Append("</p>\n");
        if (report.Figures.Count > 0)
        {
            sb.Append("<h2 id=\"figures\">Figures</h2>\n");
            foreach (var f in report.Figures) Figure(sb, f, wide: true);
        }
        foreach (var table in report.Tables) Table(sb, table);
        if (report.Runs.Count > 0) sb.Append("<h2 id=\"runs-section\">Runs</h2>\n");
        foreach (var run in report.Runs) Run(sb, run);
        sb.Append("<script>").Append(HtmlReportAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Run(StringBuilder sb, ReportRunSection run)
    {
        sb.Append("<section class=\"run\" id=\"").Append(E(run.Anchor)).Append("\">\n<h3>").Append(E(run.Title)).Append("</h3>\n");
        sb.Append("<table class=\"numbers\"><tbody>\n");
        foreach (var (name, value) in run.Numbers) sb.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        sb.Append("</tbody></table>\n");
        Table(sb, run.Claims);
        foreach (var f in run.Figures) Figure(sb, f, wide: false);
        sb.Append("<details><summary>config.json</summary><pre>").Append(E(run.ConfigJson)).Append("</pre></details>\n</section>\n");
    }

    private static void Table(StringBuilder sb, ReportTable table)
    {
        sb.Append("<div class=\"scroll\"><table class=\"sortable\" id=\"").Append(E(table.Id)).Append("\">\n");
        if (table.Caption.Length > 0) sb.Append("<caption>").Append(E(table.Caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        foreach (string c in table.Columns) sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            if (row.Count != table.Columns.Count)
                throw new ArgumentException($"table '{table.Id}': a row has {row.Count} cells for {table.Columns.Count} columns.");
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append("<td");
                if (cell.Css != null) sb.Append(" class=\"").Append(E(cell.Css)).Append('"');
                if (cell.SortKey is { } k) sb.Append(" data-sort=\"").Append(k.ToString("R", CultureInfo.InvariantCulture)).Append('"');
                sb.Append('>');
                if (cell.Link != null) sb.Append("<a href=\"").Append(E(cell.Link)).Append("\">").Append(E(cell.Text)).Append("</a>");
                else sb.Append(E(cell.Text));
                sb.Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }

    private static void Figure(StringBuilder sb, ReportFigure figure, bool wide)
    {
        if (!File.Exists(figure.PngPath)) return;
        sb.Append(wide ? "<figure class=\"wide\">" : "<figure>").Append("<img alt=\"").Append(E(figure.Caption)).Append("\" src=\"data:image/png;base64,")
          .Append(Convert.ToBase64String(File.ReadAllBytes(figure.PngPath))).Append("\"><figcaption>").Append(E(figure.Caption)).Append("</figcaption></figure>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

using VaeLab.Claims;

namespace VaeLab.Reporting;

/// <summary>
/// One cell of a report table: the text shown, an optional link (a "#anchor" inside the report), an optional
/// numeric sort key (cells sort by it when every cell of the column has one) and an optional CSS class
/// (holds, fails, mixed, na) that colours a verdict.
/// </summary>
public sealed record ReportCell(string Text, string? Link = null, double? SortKey = null, string? Css = null)
{
    /// <summary>A number shown with three significant digits and sorted by its value (NaN shows as "–" and sorts last).</summary>
    public static ReportCell Number(double value) =>
        double.IsFinite(value) ? new(ClaimRules.G(value), SortKey: value) : new("–", SortKey: double.MaxValue);

    /// <summary>Plain text, sorted as text.</summary>
    public static implicit operator ReportCell(string text) => new(text);
}

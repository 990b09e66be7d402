namespace VaeLab.Reporting;

/// <summary>A PNG figure of the report, embedded as a data URI when the report is written (so the file stands alone).</summary>
/// <param name="Caption">shown under the figure and as its alt text.</param>
/// <param name="PngPath">the PNG file on disk; a missing file is left out of the report.</param>
public sealed record ReportFigure(string Caption, string PngPath);

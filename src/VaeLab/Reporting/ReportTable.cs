namespace VaeLab.Reporting;

/// <summary>A table of the HTML report; every table sorts by a column when its header is clicked.</summary>
/// <param name="Id">the element id (letters, digits, -), used in links and in "#sort=ID:COLUMN".</param>
/// <param name="Caption">one line above the table.</param>
/// <param name="Columns">header cells.</param>
/// <param name="Rows">rows of exactly <paramref name="Columns"/>.Count cells.</param>
public sealed record ReportTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);

namespace VaeLab.Reporting;

/// <summary>
/// What report.html shows, in order: title and facts, the claims table (each verdict links to the runs behind it),
/// the runs behind each claim, further tables and figures (grid tables, sweep plots), then one section per run.
/// Plain data: <see cref="HtmlReportBuilder"/> fills it from run folders, <see cref="HtmlReportWriter"/> renders it.
/// </summary>
/// <param name="Title">page title and heading.</param>
/// <param name="Facts">lines under the title (command, machine, counts).</param>
/// <param name="Claims">the claims table, shown first.</param>
/// <param name="ClaimRuns">per claim id: (run anchor, run title, verdict) for every run where the claim applies.</param>
/// <param name="Tables">more tables after the claims (runs, per-grid summaries).</param>
/// <param name="Figures">figures that belong to the whole report (sweep plots).</param>
/// <param name="Runs">one section per run.</param>
/// <param name="Notes">free paragraphs (plain text) shown after the tables, e.g. the theory verdicts.</param>
public sealed record HtmlReport(string Title, IReadOnlyList<string> Facts, ReportTable Claims,
    IReadOnlyDictionary<string, IReadOnlyList<(string Anchor, string Title, string Verdict)>> ClaimRuns,
    IReadOnlyList<ReportTable> Tables, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<ReportRunSection> Runs,
    IReadOnlyList<string>? Notes = null);

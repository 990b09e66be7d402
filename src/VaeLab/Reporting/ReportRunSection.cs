namespace VaeLab.Reporting;

/// <summary>One run in the report: its anchor, its numbers, its claim verdicts, its figures and its config.json.</summary>
/// <param name="Anchor">element id of the section; claim verdicts and run tables link to "#Anchor".</param>
/// <param name="Title">the run's name (relative folder).</param>
/// <param name="Numbers">(quantity, value) pairs, in order.</param>
/// <param name="Claims">the run's verdicts: claim, verdict, measurement, holds when.</param>
/// <param name="Figures">the run's PNGs.</param>
/// <param name="ConfigJson">the text of config.json, shown in a collapsed block.</param>
public sealed record ReportRunSection(string Anchor, string Title, IReadOnlyList<(string Name, string Value)> Numbers,
    ReportTable Claims, IReadOnlyList<ReportFigure> Figures, string ConfigJson);

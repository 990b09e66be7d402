using VaeLab.Diagnostics;
using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>One finished run with its measurements, as the report and results.csv read them.</summary>
public sealed record RunRecord(GridRun Run, string Dir, RunSummary Summary, RunDiagnostics Diagnostics);

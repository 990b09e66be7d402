namespace VaeLab.Reporting;

/// <summary>One point of a sweep plot: a value of --x (and of --y, or of the other grid axes for a line plot), the
/// runs it pools, their mean (or the fraction that hold) and its 95% interval (Student t for a mean, Wilson for a
/// fraction; NaN when there is one run or none).</summary>
public sealed record SweepPlotCell(string X, string Y, int Runs, double Value, double Lower, double Upper);

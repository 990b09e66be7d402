using VaeLab.Diagnostics;
using VaeLab.Claims;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Reporting;

/// <summary>
/// What `vaelab sweep plot --metric` measures per run: a metric of results.csv (its mean is plotted), a claim C1..C11
/// (1 when it holds, 0 when it fails, skipped when n/a: the fraction of runs where it holds is plotted), or
/// outcome[=VALUE] (the fraction of runs with that outcome; VALUE defaults to strict-superset).
/// </summary>
public sealed record SweepMetric(string Name, bool IsFraction, Func<RunRecord, double> Value)
{
    /// <summary>The outcome counted by a bare `outcome` metric.</summary>
    public const string DefaultOutcome = "strict-superset";

    /// <summary>Resolves a --metric name; an unknown name is a configuration error listing the choices.</summary>
    public static SweepMetric Parse(string name)
    {
        if (ClaimRules.Definitions.FirstOrDefault(c => string.Equals(c.Id, name, StringComparison.OrdinalIgnoreCase)) is { } claim)
            return new SweepMetric(claim.Id, true, r => r.Diagnostics.Claims.FirstOrDefault(v => v.Id == claim.Id)?.Status switch
            {
                ClaimRules.Holds => 1,
                ClaimRules.Fails => 0,
                _ => double.NaN,
            });
        if (name == "outcome" || name.StartsWith("outcome=", StringComparison.Ordinal))
        {
            string wanted = name == "outcome" ? DefaultOutcome : name["outcome=".Length..];
            return new SweepMetric($"outcome={wanted}", true, r => Outcome(r) is { } o ? (o == wanted ? 1 : 0) : double.NaN);
        }
        if (ReproduceReport.MetricNames.Contains(name)) return new SweepMetric(name, false, r => ReproduceReport.Metric(r, name));
        throw new ConfigException($"--metric '{name}' is not a metric, a claim or outcome; choose one of {string.Join(", ", ReproduceReport.MetricNames)}, C1 ... C11, outcome[=VALUE].");
    }

    /// <summary>The run's outcome (collapsed, correct, strict-superset, wrong), or null when its diagnostics have none.
    /// Runs analysed before outcomes existed (issue 12) have none; the plot then says so.</summary>
    public static string? Outcome(RunRecord r) => r.Diagnostics.Outcome?.Outcome?.Name();
}

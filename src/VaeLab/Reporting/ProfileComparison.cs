using System.Text;
using VaeLab.Claims;
using VaeLab.Core;
using VaeLab.Diagnostics;

namespace VaeLab.Reporting;

/// <summary>
/// `vaelab compare`: the per-grid tallies of a `reproduce` folder (typically the quick profile) against those of the paper
/// profile (one folder, or several whose runs are pooled), read from their results.csv, with whether each claim's verdict
/// agrees (<see cref="ProfileAgreement"/>) and the share of collapsed runs compared the same way.
/// </summary>
public static class ProfileComparison
{
    /// <summary>The claims compared, then the share of collapsed runs.</summary>
    public static readonly string[] Rows = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "collapsed"];

    /// <summary>One row of results.csv: the run's identity, and per compared row "holds", "fails" or anything else (not counted).</summary>
    private sealed record RunRow(string Grid, string Key, Dictionary<string, string> Status);

    /// <summary>
    /// Every grid <paramref name="other"/> has runs of, each row either side measures: the agreement of the runs in
    /// <paramref name="other"/> with those in <paramref name="paper"/> (a grid only the paper folders have is not compared: the
    /// other folder makes no claim about it; those grids come back in <paramref name="notCompared"/>). A folder given twice is
    /// refused (its runs would count twice).
    /// </summary>
    public static IReadOnlyList<ProfileAgreement> Compare(string other, IReadOnlyList<string> paper, out IReadOnlyList<string> notCompared)
    {
        var folders = paper.Prepend(other).Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).ToArray();
        if (folders.Distinct().Count() != folders.Length)
            throw new ConfigException($"a folder is given twice ({string.Join(", ", folders.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key))}): give each reproduce folder once.");
        var a = Load(other);
        var b = paper.SelectMany(Load).ToArray();
        var shared = a.Select(r => r.Key).ToHashSet();
        var paperOnly = b.Where(r => !shared.Contains(r.Key)).ToArray();
        notCompared = ClaimTallies.Grids.Where(g => b.Any(r => r.Grid == g) && !a.Any(r => r.Grid == g)).ToArray();
        var list = new List<ProfileAgreement>();
        foreach (string grid in ClaimTallies.Grids.Where(g => a.Any(r => r.Grid == g)))
            foreach (string row in Rows)
            {
                var pa = Count(a, grid, row);
                var pb = Count(b, grid, row);
                if (pa.Trials == 0 && pb.Trials == 0) continue;
                list.Add(ProfileAgreement.Judge(row, grid, pa, pb, Count(paperOnly, grid, row)));
            }
        if (list.Count == 0) throw new ConfigException($"'{other}' has no run of the linear, sigmoid or sphere grid to compare with '{string.Join("', '", paper)}'.");
        return list;
    }

    private static RunRow[] Load(string dir)
    {
        string path = Path.Combine(dir, "results.csv");
        if (!File.Exists(path)) throw new ConfigException($"'{dir}' has no results.csv: give a folder written by 'vaelab reproduce'.");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Length == 0) throw new ConfigException($"'{path}' has no header line: give a results.csv written by 'vaelab reproduce'.");
        var header = Csv.Split(lines[0]);
        int Column(string name) => header.IndexOf(name) is int i and >= 0 ? i
            : throw new ConfigException($"'{path}' has no column '{name}': give a results.csv written by 'vaelab reproduce'.");
        int grid = Column("grid"), configuration = Column("configuration"), dataSeed = Column("dataSeed"), seed = Column("seed"), outcome = Column("outcome");
        var claims = Rows[..^1].ToDictionary(c => c, Column);
        var rows = new List<RunRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = Csv.Split(lines[i]);
            if (f.Count != header.Count) throw new ConfigException($"'{path}' line {i + 1} has {f.Count} fields, the header {header.Count}: the file is damaged; rerun 'vaelab reproduce'.");
            var status = claims.ToDictionary(c => c.Key, c => f[c.Value]);
            status["collapsed"] = f[outcome] == RunOutcome.Collapsed.Name() ? ClaimRules.Holds : ClaimRules.Fails;
            rows.Add(new RunRow(f[grid], $"{f[grid]}/{f[configuration]}/{f[dataSeed]}/{f[seed]}", status));
        }
        return rows.ToArray();
    }

    // Holds among the runs where the row is judged (holds or fails); for "collapsed", collapsed among all runs.
    private static Proportion Count(IEnumerable<RunRow> rows, string grid, string row)
    {
        int holds = 0, trials = 0;
        foreach (var r in rows)
        {
            if (r.Grid != grid || r.Status[row] is not (ClaimRules.Holds or ClaimRules.Fails)) continue;
            trials++;
            if (r.Status[row] == ClaimRules.Holds) holds++;
        }
        return Proportion.Of(holds, trials);
    }

    /// <summary>The comparison as a Markdown table, with a closing line that counts the agreements.</summary>
    public static string Markdown(IReadOnlyList<ProfileAgreement> rows, string otherLabel, string paperLabel)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| grid | claim | {otherLabel} | {paperLabel} | agree | why |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine($"| {r.Grid} | {r.Claim} | {Cell(r.Claim, r.Other)} | {Cell(r.Claim, r.Paper)} | {(r.Agrees ? "yes" : "**no**")} | {r.Why} |");
        sb.AppendLine($"\n{rows.Count(r => r.Agrees)} of {rows.Count} rows agree. Verdicts agree when they are on the same side (holds or mostly holds; split; " +
            "mostly fails or fails) and Newcombe's 95% interval for the difference of the rates, taken against the paper profile's runs that the " +
            "other folder does not share, contains 0.");
        return sb.ToString();
    }

    /// <summary>"12/24 split" for a claim, "3 of 30 runs" for the collapsed share.</summary>
    public static string Cell(string row, Proportion p) => p.Trials == 0 ? "–"
        : row == "collapsed" ? $"{p.Successes} of {p.Trials} runs"
        : $"{p.Successes}/{p.Trials} {p.Verdict}";

    /// <summary>A folder's name for a table heading ("results/quick/" gives "quick").</summary>
    public static string Label(string dir) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));
}

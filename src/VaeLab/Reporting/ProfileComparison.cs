using System.Text;
using VaeLab.Claims;
using VaeLab.Core;

namespace VaeLab.Reporting;

/// <summary>
/// `vaelab compare`: the per-grid tallies of two `reproduce` folders (typically the quick profile against the paper profile),
/// read from their results.csv, with whether each claim's verdict agrees (<see cref="ProfileAgreement"/>) and the share of
/// collapsed runs compared the same way.
/// </summary>
public static class ProfileComparison
{
    /// <summary>The claims compared, then the share of collapsed runs.</summary>
    public static readonly string[] Rows = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "collapsed"];

    /// <summary>
    /// Every grid either side has, each claim either side measures: the agreement of the runs in <paramref name="other"/> with
    /// those in <paramref name="paper"/> (one folder, or several whose runs are pooled, e.g. one per --grids).
    /// </summary>
    public static IReadOnlyList<ProfileAgreement> Compare(string other, IReadOnlyList<string> paper)
    {
        var a = Load(other);
        var b = Pool(paper.Select(Load));
        var list = new List<ProfileAgreement>();
        foreach (string grid in ClaimTallies.Grids)
        {
            if (!a.ContainsKey(grid) && !b.ContainsKey(grid)) continue;
            foreach (string row in Rows)
            {
                var pa = Get(a, grid, row);
                var pb = Get(b, grid, row);
                if (pa.Trials == 0 && pb.Trials == 0) continue;
                list.Add(ProfileAgreement.Judge(row, grid, pa, pb));
            }
        }
        return list;
    }

    /// <summary>Per grid and row (C1..C9, "collapsed"): holds among trained runs, or collapsed among all runs.</summary>
    public static Dictionary<string, Dictionary<string, Proportion>> Load(string dir)
    {
        string path = Path.Combine(dir, "results.csv");
        if (!File.Exists(path)) throw new ConfigException($"'{dir}' has no results.csv: give a folder written by 'vaelab reproduce'.");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new ConfigException($"'{path}' is empty: give a folder written by 'vaelab reproduce'.");
        var header = Csv.Split(lines[0]);
        int Column(string name) => header.IndexOf(name) is int i and >= 0 ? i
            : throw new ConfigException($"'{path}' has no column '{name}': give a results.csv written by 'vaelab reproduce'.");
        int grid = Column("grid"), outcome = Column("outcome");
        var claims = Rows[..^1].ToDictionary(c => c, Column);
        var counts = new Dictionary<(string Grid, string Row), (int Holds, int Trials)>();
        void Add(string g, string row, bool holds)
        {
            var (h, t) = counts.GetValueOrDefault((g, row));
            counts[(g, row)] = (h + (holds ? 1 : 0), t + 1);
        }
        for (int i = 1; i < lines.Length; i++)
        {
            var f = Csv.Split(lines[i]);
            if (f.Count != header.Count) throw new ConfigException($"'{path}' line {i + 1} has {f.Count} fields, the header {header.Count}: the file is damaged; rerun 'vaelab reproduce'.");
            Add(f[grid], "collapsed", f[outcome] == VaeLab.Diagnostics.RunOutcome.Collapsed.Name());
            foreach (var (claim, column) in claims)
                if (f[column] is ClaimRules.Holds or ClaimRules.Fails) Add(f[grid], claim, f[column] == ClaimRules.Holds);
        }
        var result = new Dictionary<string, Dictionary<string, Proportion>>();
        foreach (var ((g, row), (h, t)) in counts)
        {
            if (!result.TryGetValue(g, out var rows)) result[g] = rows = [];
            rows[row] = Proportion.Of(h, t);
        }
        return result;
    }

    private static Dictionary<string, Dictionary<string, Proportion>> Pool(IEnumerable<Dictionary<string, Dictionary<string, Proportion>>> folders)
    {
        var pooled = new Dictionary<string, Dictionary<string, Proportion>>();
        foreach (var folder in folders)
            foreach (var (grid, rows) in folder)
            {
                if (!pooled.TryGetValue(grid, out var into)) pooled[grid] = into = [];
                foreach (var (row, p) in rows)
                    into[row] = into.TryGetValue(row, out var q) ? Proportion.Of(q.Successes + p.Successes, q.Trials + p.Trials) : p;
            }
        return pooled;
    }

    /// <summary>The comparison as a Markdown table, with a closing line that counts the agreements.</summary>
    public static string Markdown(IReadOnlyList<ProfileAgreement> rows, string otherLabel, string paperLabel)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| grid | claim | {otherLabel} | {paperLabel} | agree | why |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine($"| {r.Grid} | {r.Claim} | {Cell(r.Claim, r.Other)} | {Cell(r.Claim, r.Paper)} | {(r.Agrees ? "yes" : "**no**")} | {r.Why} |");
        sb.AppendLine($"\n{rows.Count(r => r.Agrees)} of {rows.Count} rows agree.");
        return sb.ToString();
    }

    /// <summary>"12/24 split" for a claim, "3 of 30 runs" for the collapsed share.</summary>
    public static string Cell(string row, Proportion p) => p.Trials == 0 ? "–"
        : row == "collapsed" ? $"{p.Successes} of {p.Trials} runs"
        : $"{p.Successes}/{p.Trials} {new ClaimTally(row, "", null, p, 0).Verdict}";

    private static Proportion Get(Dictionary<string, Dictionary<string, Proportion>> d, string grid, string row) =>
        d.TryGetValue(grid, out var rows) && rows.TryGetValue(row, out var p) ? p : Proportion.Of(0, 0);
}

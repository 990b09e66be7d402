using VaeLab.Reporting;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Reporting;

[Collection("cli")]
public class ProfileComparisonTests
{
    private static string Folder(string root, string name, params string[] rows)
    {
        string dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "results.csv"),
            ["grid,configuration,outcome,C1,C2,C3,C4,C5,C6,C7,C8,C9,C10,C11", .. rows]);
        return dir;
    }

    private static string Row(string grid, string outcome, string c4, string c6) =>
        $"{grid},d3,{outcome},n/a,n/a,n/a,{c4},n/a,{c6},n/a,n/a,n/a,n/a,n/a";

    [Fact]
    public void Counts_claims_on_trained_runs_and_collapse_on_all_runs()
    {
        string root = CliRunner.TempDir();
        string dir = Folder(root, "a", Row("sphere", "strict-superset", "holds", "holds"), Row("sphere", "collapsed", "collapsed", "collapsed"),
            Row("sphere", "correct", "fails", "fails"));
        var t = ProfileComparison.Load(dir)["sphere"];
        Assert.Equal((1, 2), (t["C4"].Successes, t["C4"].Trials));
        Assert.Equal((1, 3), (t["collapsed"].Successes, t["collapsed"].Trials));
        Assert.False(t.ContainsKey("C1"));
    }

    [Fact]
    public void Compare_flags_a_grid_that_only_collapsed_in_the_cheaper_profile()
    {
        string root = CliRunner.TempDir();
        string quick = Folder(root, "quick", Row("sphere", "collapsed", "collapsed", "collapsed"), Row("sphere", "collapsed", "collapsed", "collapsed"));
        string paper = Folder(root, "paper", Enumerable.Repeat(Row("sphere", "strict-superset", "holds", "holds"), 12).ToArray());
        var rows = ProfileComparison.Compare(quick, [paper]);
        Assert.False(rows.Single(r => r.Claim == "C4").Agrees);
        Assert.False(rows.Single(r => r.Claim == "collapsed").Agrees);
        string md = ProfileComparison.Markdown(rows, "quick", "paper");
        Assert.Contains("| sphere | C4 | – | 12/12 holds | **no** |", md);
        Assert.Contains("0 of 3 rows agree.", md);
        // Reference runs split over two folders are pooled.
        string more = Folder(root, "paper2", Row("sphere", "correct", "holds", "fails"), Row("linear", "correct", "holds", "n/a"));
        var pooled = ProfileComparison.Compare(quick, [paper, more]);
        Assert.Equal((12, 13), (pooled.Single(r => r.Grid == "sphere" && r.Claim == "C6").Paper.Successes, pooled.Single(r => r.Grid == "sphere" && r.Claim == "C6").Paper.Trials));
        Assert.Contains(pooled, r => r.Grid == "linear" && r.Claim == "C4" && !r.Agrees);
    }

    [Fact]
    public void The_command_prints_the_table_and_refuses_a_folder_without_results_in_one_line()
    {
        string root = CliRunner.TempDir();
        string a = Folder(root, "a", Row("sigmoid", "correct", "holds", "fails"));
        var (code, output, err) = CliRunner.Run("compare", a, a, "--out", Path.Combine(root, "cmp.md"));
        Assert.True(code == 0, err);
        Assert.Contains("rows agree", output);
        Assert.Contains("| sigmoid | C4 | 1/1 holds | 1/1 holds | yes |", File.ReadAllText(Path.Combine(root, "cmp.md")));
        var (bad, _, e2) = CliRunner.Run("compare", Path.Combine(root, "missing"), a);
        CliProcess.AssertOneLine(2, bad, e2);
        Assert.Contains("has no results.csv", e2);
        var (exists, _, e3) = CliRunner.Run("compare", a, a, "--out", Path.Combine(root, "cmp.md"));
        CliProcess.AssertOneLine(2, exists, e3);
    }
}

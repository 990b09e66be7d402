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
            ["grid,configuration,dataSeed,seed,outcome,C1,C2,C3,C4,C5,C6,C7,C8,C9,C10,C11", .. rows]);
        return dir;
    }

    private static string Row(string grid, int seed, string outcome, string c4, string c6) =>
        $"{grid},d3,69,{seed},{outcome},n/a,n/a,n/a,{c4},n/a,{c6},n/a,n/a,n/a,n/a,n/a";

    private static string[] Rows(string grid, int from, int count, string outcome, string c4, string c6) =>
        Enumerable.Range(from, count).Select(s => Row(grid, s, outcome, c4, c6)).ToArray();

    [Fact]
    public void Counts_claims_on_trained_runs_collapse_on_all_runs_and_tests_against_the_runs_not_shared()
    {
        string root = CliRunner.TempDir();
        string quick = Folder(root, "quick", Row("sphere", 1, "strict-superset", "holds", "holds"), Row("sphere", 2, "collapsed", "collapsed", "collapsed"));
        string paper = Folder(root, "paper", [Row("sphere", 1, "strict-superset", "holds", "holds"), Row("sphere", 2, "collapsed", "collapsed", "collapsed"),
            .. Rows("sphere", 10, 4, "correct", "holds", "fails")]);
        var rows = ProfileComparison.Compare(quick, [paper], out _);
        var c4 = rows.Single(r => r.Claim == "C4");
        Assert.Equal((1, 1), (c4.Other.Successes, c4.Other.Trials));
        Assert.Equal((5, 5), (c4.Paper.Successes, c4.Paper.Trials));
        Assert.Equal((4, 4), (c4.PaperOnly.Successes, c4.PaperOnly.Trials));   // the two shared runs are left out of the difference
        Assert.True(c4.Agrees);
        var collapsed = rows.Single(r => r.Claim == "collapsed");
        Assert.Equal((1, 2, 1, 6), (collapsed.Other.Successes, collapsed.Other.Trials, collapsed.Paper.Successes, collapsed.Paper.Trials));
        Assert.DoesNotContain(rows, r => r.Claim == "C1");
        Assert.False(rows.Single(r => r.Claim == "C6").Agrees);                 // 1/1 holds against 1/5 mostly fails... on different sides
    }

    [Fact]
    public void Compare_flags_a_grid_that_only_collapsed_in_the_cheaper_profile_and_pools_several_paper_folders()
    {
        string root = CliRunner.TempDir();
        string quick = Folder(root, "quick", Rows("sphere", 1, 2, "collapsed", "collapsed", "collapsed"));
        string paper = Folder(root, "paper", Rows("sphere", 10, 12, "strict-superset", "holds", "holds"));
        var rows = ProfileComparison.Compare(quick, [paper], out _);
        Assert.False(rows.Single(r => r.Claim == "C4").Agrees);
        Assert.False(rows.Single(r => r.Claim == "collapsed").Agrees);
        string md = ProfileComparison.Markdown(rows, "quick", "paper");
        Assert.Contains("| sphere | C4 | – | 12/12 holds | **no** |", md);
        Assert.Contains("0 of 3 rows agree.", md);
        string more = Folder(root, "paper2", Row("sphere", 30, "correct", "holds", "fails"), Row("linear", 1, "correct", "holds", "n/a"));
        var pooled = ProfileComparison.Compare(quick, [paper, more], out var notCompared);
        var c6 = pooled.Single(r => r.Grid == "sphere" && r.Claim == "C6");
        Assert.Equal((12, 13), (c6.Paper.Successes, c6.Paper.Trials));
        Assert.DoesNotContain(pooled, r => r.Grid == "linear");   // no linear run in quick: no claim to compare
        Assert.Equal(["linear"], notCompared);
    }

    [Fact]
    public void The_command_prints_the_table_and_refuses_bad_folders_and_outputs_in_one_line()
    {
        string root = CliRunner.TempDir();
        string a = Folder(root, "a", Row("sigmoid", 1, "correct", "holds", "fails"));
        string b = Folder(root, "b", Rows("sigmoid", 5, 3, "correct", "holds", "fails"));
        var (code, output, err) = CliRunner.Run("compare", a + "/", b, "--out", Path.Combine(root, "cmp.md"));
        Assert.True(code == 0, err);
        Assert.Contains("rows agree", output);
        Assert.Contains("| sigmoid | C4 | 1/1 holds | 3/3 holds | yes |", File.ReadAllText(Path.Combine(root, "cmp.md")));
        string empty = Folder(root, "empty");
        foreach (var args in new[]
        {
            new[] { "compare", Path.Combine(root, "missing"), a },            // no results.csv
            new[] { "compare", a, a },                                        // the same folder twice
            new[] { "compare", a, b, "--out", Path.Combine(root, "cmp.md") },  // would overwrite
            new[] { "compare", a, b, "--out", "" },                           // empty output name
            new[] { "compare", a, b, "--out", Path.Combine(root, "no-such-folder", "x.md") },
            new[] { "compare", empty, Folder(root, "empty2") },               // header only on both sides: nothing to compare
        })
        {
            var (bad, _, e) = CliRunner.Run(args);
            CliProcess.AssertOneLine(2, bad, e);
        }
    }
}

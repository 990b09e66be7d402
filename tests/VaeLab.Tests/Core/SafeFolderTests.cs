using VaeLab.Data;
using VaeLab.Core;
using VaeLab.Cli;
using VaeLab.Configuration;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Core;

public class SafeFolderTests
{
    private static string VaeLabRun(string dir)
    {
        Directory.CreateDirectory(dir);
        RunFolder.WriteConfig(dir, RunConfig.Defaults(DataFamilyKind.Linear), RunEnvironment.Current(1));
        return dir;
    }

    [Fact]
    public void Only_folders_VaeLab_made_under_the_root_are_deleted()
    {
        string root = CliRunner.TempDir();
        string user = Path.Combine(root, "runs", "user");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "thesis.tex"), "precious");
        Assert.Throws<ConfigException>(() => SafeFolder.Delete(user, root));
        Assert.True(File.Exists(Path.Combine(user, "thesis.tex")));

        // A file called summary.json does not make a folder VaeLab's; config.json of another schema neither.
        File.WriteAllText(Path.Combine(user, "summary.json"), "{}");
        File.WriteAllText(Path.Combine(user, "config.json"), """{ "config": {} }""");
        Assert.False(SafeFolder.IsVaeLabMade(user));
        Assert.Throws<ConfigException>(() => SafeFolder.Delete(user, root));

        string run = VaeLabRun(Path.Combine(root, "runs", "mine"));
        Assert.True(SafeFolder.IsVaeLabMade(run));
        Assert.Throws<ConfigException>(() => SafeFolder.Delete(run, Path.Combine(root, "runs", "mine")));   // not strictly under
        Assert.Throws<ConfigException>(() => SafeFolder.Delete(run, Path.Combine(root, "elsewhere")));
        SafeFolder.Delete(run, root);
        Assert.False(Directory.Exists(run));

        string marked = Path.Combine(root, "runs", "marked");
        Directory.CreateDirectory(marked);
        File.WriteAllText(Path.Combine(marked, SafeFolder.MarkerFile), "");
        SafeFolder.Delete(marked, root);
        Assert.False(Directory.Exists(marked));
        Assert.True(File.Exists(Path.Combine(user, "thesis.tex")));
    }

    [Fact]
    public void The_working_directory_its_parents_and_links_are_never_deleted()
    {
        string cwd = Environment.CurrentDirectory;
        Assert.True(SafeFolder.IsWorkingDirectoryOrAncestor("."));
        Assert.True(SafeFolder.IsWorkingDirectoryOrAncestor(".."));
        Assert.True(SafeFolder.IsWorkingDirectoryOrAncestor("/"));
        Assert.Throws<ConfigException>(() => SafeFolder.CheckDeletable(cwd, "/"));
        Assert.Throws<ConfigException>(() => SafeFolder.CheckDeletable(Path.GetDirectoryName(cwd)!, "/"));
        Assert.Throws<ConfigException>(() => SafeFolder.CheckOutput(".", "--out"));
        Assert.Throws<ConfigException>(() => SafeFolder.CheckOutput("..", "--out"));

        string root = CliRunner.TempDir();
        string target = VaeLabRun(Path.Combine(root, "target"));
        string link = Path.Combine(root, "runs", "link");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Directory.CreateSymbolicLink(link, target);
        Assert.Throws<ConfigException>(() => SafeFolder.Delete(link, root));
        Assert.True(File.Exists(Path.Combine(target, "config.json")));
    }

    [Fact]
    public void An_output_folder_must_be_new_empty_or_VaeLabs()
    {
        string root = CliRunner.TempDir();
        SafeFolder.CheckOutput(Path.Combine(root, "new"), "--out");
        SafeFolder.CheckOutput(root, "--out");
        File.WriteAllText(Path.Combine(root, "notes.txt"), "x");
        var e = Assert.Throws<ConfigException>(() => SafeFolder.CheckOutput(root, "--out"));
        Assert.Contains("VaeLab did not write", e.Message);
        Assert.Throws<ConfigException>(() => SafeFolder.CheckOutput(Path.Combine(root, "notes.txt"), "--out"));
        SafeFolder.CheckOutput(VaeLabRun(Path.Combine(root, "run")), "--out");
    }

    [Fact]
    public void A_grid_output_folder_must_be_new_empty_marked_or_hold_only_what_a_grid_writes()
    {
        string root = CliRunner.TempDir();
        string fresh = Path.Combine(root, "fresh");
        SafeFolder.ClaimGridOutput(fresh, "--out", "sweep t");
        Assert.True(File.Exists(Path.Combine(fresh, SafeFolder.GridMarkerFile)));
        File.WriteAllText(Path.Combine(fresh, "mine.txt"), "x"); // marked: VaeLab's, whatever else is there
        SafeFolder.ClaimGridOutput(fresh, "--out", "sweep t");
        Assert.Equal("sweep t", File.ReadAllText(Path.Combine(fresh, SafeFolder.GridMarkerFile)).Trim());
        Assert.Contains("holds the output of sweep t, not of reproduce --profile quick",
            Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput(fresh, "--out", "reproduce --profile quick")).Message);
        string raced = Path.Combine(root, "raced"); // shards of a job array starting together
        Parallel.For(0, 16, _ => SafeFolder.ClaimGridOutput(raced, "--out", "sweep t"));
        Assert.Equal("sweep t", File.ReadAllText(Path.Combine(raced, SafeFolder.GridMarkerFile)).Trim());
        string legacy = Path.Combine(root, "legacy"); // a grid of a build before the marker
        VaeLabRun(Path.Combine(legacy, "runs", "linear", "D3-p9-m20-ds2"));
        Directory.CreateDirectory(Path.Combine(legacy, "figures"));
        File.WriteAllText(Path.Combine(legacy, "results.csv"), "");
        File.WriteAllText(Path.Combine(legacy, "report.md.tmp-123"), "");
        Assert.Contains("holds the output of a reproduction, not of sweep t",
            Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput(legacy, "--out", "sweep t")).Message);
        SafeFolder.ClaimGridOutput(legacy, "--out", "reproduce --profile quick");
        Assert.True(File.Exists(Path.Combine(legacy, SafeFolder.GridMarkerFile)));
        string legacyDimension = Path.Combine(root, "legacy-dimension");
        VaeLabRun(Path.Combine(legacyDimension, "runs", "db", "linear-ds0"));
        File.WriteAllText(Path.Combine(legacyDimension, VaeLab.Reporting.DimensionBenchmarkReport.File), ""); // dimension --grid's report
        SafeFolder.ClaimGridOutput(legacyDimension, "--out", "dimension --grid db");
        string foreign = Path.Combine(root, "foreign");
        Directory.CreateDirectory(Path.Combine(foreign, "runs"));
        File.WriteAllText(Path.Combine(foreign, "report.html"), "mine");
        File.WriteAllText(Path.Combine(foreign, "thesis.tex"), "mine");
        var e = Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput(foreign, "--out", "sweep t"));
        Assert.Contains("holds 'thesis.tex', which is not part of a VaeLab grid", e.Message);
        Assert.False(File.Exists(Path.Combine(foreign, SafeFolder.GridMarkerFile)));
        File.Delete(Path.Combine(foreign, "thesis.tex")); // grid names only, but no run VaeLab made: still the user's
        Directory.CreateDirectory(Path.Combine(foreign, "runs", "mine", "x.partial"));
        Assert.Contains("holds no run VaeLab made", Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput(foreign, "--out", "sweep t")).Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(foreign, "report.html")));
        Assert.Contains("is a file", Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput(Path.Combine(foreign, "report.html"), "--out", "sweep t")).Message);
        Assert.Contains("is a file, not a folder; pass a path under a folder",
            Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput(Path.Combine(foreign, "report.html", "sub"), "--out", "sweep t")).Message);
        Assert.Contains("is empty", Assert.Throws<ConfigException>(() => SafeFolder.ClaimGridOutput("", "--out", "sweep t")).Message);
        Assert.Contains("is empty", Assert.Throws<ConfigException>(() => SafeFolder.CheckOutput(" ", "--resume")).Message);
    }

    [Theory]
    [InlineData("0.001", "0.001")]
    [InlineData("200x200", "200x200")]
    [InlineData("sigmoid-affine", "sigmoid-affine")]
    public void Plain_values_keep_their_label(string value, string label) => Assert.Equal(label, RunLabel.Of(value));

    [Fact]
    public void Paths_and_odd_values_get_safe_labels_with_a_hash()
    {
        string[] values = ["../../../etc", "/abs/data/a.csv", "rel/data/a.csv", "other/a.csv", "a,b", "..", ".", "", "x y\"z", new string('q', 300), "a/../../b"];
        var labels = values.Select(RunLabel.Of).ToArray();
        Assert.Equal(values.Length, labels.Distinct().Count());
        foreach (string label in labels)
        {
            Assert.Matches("^[A-Za-z0-9_-][A-Za-z0-9._-]*$", label);
            Assert.True(label.Length <= 40, label);
            Assert.True(SafeFolder.IsStrictlyUnder(Path.Combine("/out/runs/g", label), "/out/runs/g"), label);
        }
        Assert.StartsWith("a.csv-", RunLabel.Of("rel/data/a.csv"));
        Assert.Equal(RunLabel.Of("rel/data/a.csv"), RunLabel.Of("rel/data/a.csv"));
    }

    [Fact]
    public void Csv_fields_are_quoted_as_RFC_4180_says_and_read_back()
    {
        string[] fields = ["plain", "a,b", "say \"hi\"", "", "line\nbreak", "1.5e-3"];
        string line = Csv.Line(fields);
        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",,\"line\nbreak\",1.5e-3", line);
        Assert.Equal(fields.Where(f => !f.Contains('\n')), Csv.Split(Csv.Line(fields.Where(f => !f.Contains('\n')))));
    }
}

using VaeLab.Core;
using VaeLab.Cli;
using VaeLab.Configuration;
using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Tests.Cli;

/// <summary>Sweeps: grid values never escape the output folder, seeds in the grid are honoured, duplicates are refused, data-file sweeps resume.</summary>
[Collection("cli")]
public class SweepSafetyTests
{
    private const string Base = """ "base": { "family": "linear", "padding": 2, "latent": 3, "steps": 200, "logEvery": 100, "evalSamples": 200 } """;

    private static string Write(string dir, string body)
    {
        string path = Path.Combine(dir, "s-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.WriteAllText(path, body);
        return path;
    }

    [Fact]
    public void Grid_values_that_are_paths_stay_under_the_output_folder_and_a_folder_with_summary_json_is_not_deleted()
    {
        string root = CliRunner.TempDir();
        string outDir = Path.Combine(root, "out");
        // A user folder where "../" in a value used to land, holding a summary.json.
        string victim = Path.Combine(root, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "summary.json"), "{}");
        var data = Path.Combine(root, "data.csv");
        File.WriteAllText(data, string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{i % 7},{i % 5 * 0.5},{(i * 37) % 11}")));
        string sweep = Write(root, $$"""
            { "name": "paths", "base": { "steps": 200, "logEvery": 100, "evalSamples": 200, "latent": 2 },
              "grid": { "dataFile": ["{{data}}", "{{Path.GetRelativePath(Environment.CurrentDirectory, data)}}"] } }
            """);
        var runs = SweepSpec.Read(sweep).Expand();
        Assert.Equal(2, runs.Select(r => r.RelativeDir).Distinct().Count());
        foreach (var r in runs) Assert.True(SafeFolder.IsStrictlyUnder(Path.Combine(outDir, r.RelativeDir), Path.Combine(outDir, "runs", "paths")), r.RelativeDir);
        var (code, _, err) = CliRunner.Run("sweep", sweep, "--out", outDir, "--jobs", "1", "--quiet");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(victim, "summary.json")));
        // Data-file sweeps resume: the second run skips both.
        var stamp = runs.Select(r => File.GetLastWriteTimeUtc(Path.Combine(outDir, r.RelativeDir, RunLayout.ModelFile))).ToArray();
        var (code2, _, err2) = CliRunner.Run("sweep", sweep, "--out", outDir, "--jobs", "1", "--quiet");
        Assert.True(code2 == 0, err2);
        Assert.Equal(stamp, runs.Select(r => File.GetLastWriteTimeUtc(Path.Combine(outDir, r.RelativeDir, RunLayout.ModelFile))).ToArray());
        // The results file quotes what needs quoting and parses back to its header's width.
        var lines = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        int width = Csv.Split(lines[0]).Count;
        Assert.All(lines.Skip(1), l => Assert.Equal(width, Csv.Split(l).Count));
    }

    [Fact]
    public void A_grid_over_seed_is_honoured_and_duplicates_are_refused()
    {
        string root = CliRunner.TempDir();
        var runs = SweepSpec.Read(Write(root, $$"""{ "name": "g", {{Base}}, "grid": { "seed": [3, 4] } }""")).Expand();
        Assert.Equal([3UL, 4UL], runs.Select(r => r.Config.Seed));
        Assert.Equal(2, runs.Select(r => r.RelativeDir).Distinct().Count());
        foreach (var (body, expected) in new[]
        {
            ($$"""{ "name": "d", {{Base}}, "seeds": [0, 0] }""", "repeats the seed 0"),
            ($$"""{ "name": "d", {{Base}}, "grid": { "latent": [2, 3, 2] } }""", "repeats the value 2"),
            ($$"""{ "name": "d", {{Base}}, "grid": { "seed": [1] }, "seeds": [1] }""", "both in \"grid\" and in \"seeds\""),
            ($$"""{ "name": "d", {{Base}}, "grid": { "latent": [1,2,3,4,5,6,7,8,9,10,11], "padding": [1,2,3,4,5,6,7,8,9,10], "steps": [1,2,3,4,5,6,7,8,9,10], "logEvery": [1,2,3,4,5,6,7,8,9,10], "evalSamples": [2,3,4,5,6,7,8,9,10,11] } }""", "at most 100000"),
        })
        {
            var (code, _, err) = CliRunner.Run("sweep", Write(root, body), "--out", Path.Combine(root, "never"));
            CliProcess.AssertOneLine(ExitCodes.BadInput, code, err);
            Assert.Contains(expected, err);
        }
        Assert.False(Directory.Exists(Path.Combine(root, "never")));
    }

    [Fact]
    public void Collect_refuses_runs_of_other_settings()
    {
        string root = CliRunner.TempDir();
        string outDir = Path.Combine(root, "out");
        string sweep = Write(root, $$"""{ "name": "mix", {{Base}}, "seeds": [0, 1] }""");
        var (code, _, err) = CliRunner.Run("sweep", sweep, "--out", outDir, "--jobs", "1", "--quiet");
        Assert.True(code == 0, err);
        File.WriteAllText(Path.Combine(outDir, "sweep.json"), File.ReadAllText(sweep).Replace("\"steps\": 200", "\"steps\": 300"));
        var (c2, _, e2) = CliRunner.Run("sweep", "collect", outDir);
        CliProcess.AssertOneLine(ExitCodes.BadInput, c2, e2);
        Assert.Contains("were trained with other settings", e2);
    }
}

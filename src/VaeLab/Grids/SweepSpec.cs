using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaeLab.Configuration;
using VaeLab.Core;

namespace VaeLab.Grids;

/// <summary>
/// A sweep file: { "name": "...", "base": { settings }, "grid": { "setting": [values...] }, "seeds": [...], "dataSeeds": [...] }.
/// Runs are the product of the grid values, the data seeds and the model seeds, in a fixed order.
/// </summary>
public sealed record SweepSpec(string Name, JsonObject Base, IReadOnlyList<(string Key, JsonArray Values)> Grid, ulong[] Seeds, ulong[]? DataSeeds)
{
    /// <summary>The most runs a sweep file may expand to.</summary>
    public const int MaxRuns = 100_000;

    /// <summary>Reads and checks a sweep file; every error names the file and the key.</summary>
    public static SweepSpec Read(string path)
    {
        var root = ConfigResolver.ReadConfigFile(path, "sweep file");
        string where = $"sweep file '{path}'";
        foreach (var (key, _) in root)
            if (key is not ("name" or "base" or "grid" or "seeds" or "dataSeeds"))
                throw new ConfigException($"{where}: unknown key '{key}'; expected name, base, grid, seeds, dataSeeds.");
        string name = root["name"] is JsonValue n && n.TryGetValue(out string? s) && s.Length > 0 ? s : Path.GetFileNameWithoutExtension(path);
        if (name.Any(c => !char.IsLetterOrDigit(c) && c is not ('-' or '_')))
            throw new ConfigException($"{where}: \"name\" must use letters, digits, - and _ only (got '{name}').");
        var @base = root["base"] as JsonObject ?? (root["base"] == null ? new JsonObject() : throw new ConfigException($"{where}: \"base\" must be an object of settings."));
        var grid = new List<(string, JsonArray)>();
        if (root["grid"] is JsonObject g)
        {
            foreach (var (key, values) in g)
            {
                if (values is not JsonArray array || array.Count == 0) throw new ConfigException($"{where}: grid \"{key}\" must be a non-empty array of values.");
                grid.Add((key, array));
            }
        }
        else if (root["grid"] != null) throw new ConfigException($"{where}: \"grid\" must be an object mapping settings to arrays of values.");
        foreach (var (key, values) in grid)
        {
            var texts = values.Select(v => v?.ToJsonString() ?? "null").ToArray();
            if (texts.Distinct().Count() < texts.Length)
                throw new ConfigException($"{where}: grid \"{key}\" repeats the value {texts.GroupBy(t => t).First(g => g.Count() > 1).Key}; every run must differ.");
        }
        bool gridSeed = grid.Any(g => g.Item1 == "seed"), gridDataSeed = grid.Any(g => g.Item1 == "dataSeed");
        if (gridSeed && root["seeds"] != null) throw new ConfigException($"{where}: \"seed\" is both in \"grid\" and in \"seeds\"; give the model seeds in one place.");
        if (gridDataSeed && root["dataSeeds"] != null) throw new ConfigException($"{where}: \"dataSeed\" is both in \"grid\" and in \"dataSeeds\"; give the data seeds in one place.");
        var seeds = ParseSeeds(root["seeds"], where, "seeds");
        var dataSeeds = ParseSeeds(root["dataSeeds"], where, "dataSeeds");
        // The run cap is checked before anything is expanded, on the product of the list lengths.
        double count = grid.Aggregate(1.0, (p, g) => p * g.Item2.Count) * (seeds?.Length ?? 1) * (dataSeeds?.Length ?? 1);
        if (count > MaxRuns) throw new ConfigException($"{where} expands to {count:0} runs; at most {MaxRuns} are allowed.");
        var sweep = new SweepSpec(name, @base, grid, gridSeed ? [] : seeds ?? [0], dataSeeds);
        var runs = sweep.Expand();
        var clash = runs.GroupBy(r => r.RelativeDir).FirstOrDefault(g => g.Count() > 1);
        if (clash != null) throw new ConfigException($"{where}: two runs would share the folder '{clash.Key}'; make the grid values differ.");
        return sweep;
    }

    /// <summary>Every run, each resolved and validated like `vaelab train --config`.</summary>
    public IReadOnlyList<GridRun> Expand()
    {
        var points = new List<List<(string Key, JsonNode? Value)>> { new() };
        foreach (var (key, values) in Grid)
            points = points.SelectMany(p => values.Select(v => new List<(string, JsonNode?)>(p) { (key, v) })).ToList();
        var runs = new List<GridRun>();
        // A grid over "seed" gives the model seeds itself (Seeds is then empty and the label carries them).
        foreach (var point in points)
            foreach (ulong? dataSeed in DataSeeds?.Select(d => (ulong?)d) ?? [null])
                foreach (ulong? seed in Seeds.Length == 0 ? [null] : Seeds.Select(s => (ulong?)s))
                {
                    var settings = (JsonObject)Base.DeepClone();
                    foreach (var (key, value) in point) settings[key] = value?.DeepClone();
                    if (seed != null) settings["seed"] = seed;
                    if (dataSeed != null) settings["dataSeed"] = dataSeed;
                    var config = ConfigResolver.Resolve(settings, new Dictionary<string, string>());
                    var parts = point.Select(p => $"{p.Key}{Label(p.Value)}");
                    string label = string.Join("_", seed == null ? parts : parts.Append($"s{seed}"));
                    runs.Add(new GridRun(Name, label.Length > 0 ? label : "run", config));
                }
        return runs;
    }

    /// <summary>The runs of shard <paramref name="index"/> of <paramref name="count"/>: every count-th run from index.</summary>
    public static IReadOnlyList<GridRun> Shard(IReadOnlyList<GridRun> runs, int index, int count) =>
        runs.Where((_, i) => i % count == index).ToArray();

    /// <summary>Parses "i/N" with 0 &lt;= i &lt; N.</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && i < n)
            return (i, n);
        throw new ConfigException($"--shard must be i/N with 0 <= i < N, e.g. 0/4 (got '{text}'). With Slurm: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.");
    }

    // Grid values become folder names only through RunLabel: safe characters, a hash where the value is a path.
    private static string Label(JsonNode? v) => Core.RunLabel.Of(v switch
    {
        JsonArray a => string.Join("x", a.Select(x => x?.ToJsonString())),
        null => "null",
        _ => v.ToJsonString().Trim('"'),
    });

    private static ulong[]? ParseSeeds(JsonNode? node, string where, string key)
    {
        if (node == null) return null;
        try
        {
            var seeds = node.Deserialize<ulong[]>(Json.Options)!;
            if (seeds.Length == 0) throw new ConfigException($"{where}: \"{key}\" must not be empty.");
            if (seeds.Distinct().Count() < seeds.Length)
                throw new ConfigException($"{where}: \"{key}\" repeats the seed {seeds.GroupBy(x => x).First(g => g.Count() > 1).Key}; every run must differ.");
            return seeds;
        }
        catch (JsonException)
        {
            throw new ConfigException($"{where}: \"{key}\" must be an array of non-negative integers (got {node.ToJsonString()}).");
        }
    }
}

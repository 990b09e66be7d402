using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Training;

namespace VaeLab.Runs;

/// <summary>Reads and writes the contents of a run folder (file names: <see cref="RunLayout"/>).</summary>
public static class RunFolder
{
    /// <summary>The trained stage-2 model of a finished two-stage run, or null for a one-stage run.</summary>
    public static Vae? LoadStage2(string dir, RunConfig config, int maxBatch = 1000)
    {
        string path = Path.Combine(dir, RunLayout.Stage2ModelFile);
        if (!config.TwoStage || !File.Exists(path)) return null;
        var model = RunFactory.CreateStage2Model(config, maxBatch);
        SafeTensors.Read(path, model.Parameters);
        return model;
    }

    /// <summary>Writes config.json: the resolved config, its seeds and the environment.</summary>
    public static void WriteConfig(string dir, RunConfig config, RunEnvironment environment)
    {
        var node = new JsonObject
        {
            ["config"] = JsonSerializer.SerializeToNode(config, Json.Options),
            ["seeds"] = new JsonObject { ["data"] = config.DataSeed, ["model"] = config.Seed },
            ["environment"] = JsonSerializer.SerializeToNode(environment, Json.Options),
        };
        AtomicFile.WriteText(Path.Combine(dir, RunLayout.ConfigFile), node.ToJsonString(Json.Options));
    }

    /// <summary>Reads the resolved config of a run folder.</summary>
    public static RunConfig ReadConfig(string dir)
    {
        string path = Path.Combine(dir, RunLayout.ConfigFile);
        if (!File.Exists(path)) throw new ConfigException($"RUN_DIR '{dir}' has no {RunLayout.ConfigFile}; pass a folder written by 'vaelab train'.");
        var root = ConfigResolver.ReadConfigFile(path);
        var config = root["config"] as JsonObject ?? throw new ConfigException($"'{path}' has no \"config\" object.");
        return ConfigResolver.Resolve(config, new Dictionary<string, string>());
    }

    /// <summary>True when the folder's config.json holds exactly <paramref name="config"/>.</summary>
    public static bool HasConfig(string dir, RunConfig config)
    {
        try
        {
            return JsonSerializer.Serialize(ReadConfig(dir), Json.Compact) == JsonSerializer.Serialize(config, Json.Compact);
        }
        catch (ConfigException)
        {
            return false;
        }
    }

    /// <summary>Reads summary.json.</summary>
    public static RunSummary ReadSummary(string dir) =>
        JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(Path.Combine(dir, RunLayout.SummaryFile)), Json.Options)!;

    /// <summary>Loads the trained model of a finished run and its family.</summary>
    public static (RunConfig Config, DataFamily Family, Vae Model) Load(string dir, int maxBatch = 1000)
    {
        var (config, model) = LoadModel(dir, maxBatch);
        return (config, RunFactory.CreateFamily(config), model);
    }

    /// <summary>Loads the config and trained model of a finished run.</summary>
    public static (RunConfig Config, Vae Model) LoadModel(string dir, int maxBatch = 1000)
    {
        if (!Directory.Exists(dir)) throw new ConfigException($"RUN_DIR '{dir}' does not exist.");
        if (!RunLayout.IsComplete(dir)) throw new ConfigException($"RUN_DIR '{dir}' is not a finished run (no {RunLayout.SummaryFile}).");
        var config = ReadConfig(dir);
        var model = RunFactory.CreateModel(config, maxBatch);
        SafeTensors.Read(Path.Combine(dir, RunLayout.ModelFile), model.Parameters);
        return (config, model);
    }

    /// <summary>Reads metrics.csv as rows.</summary>
    public static IReadOnlyList<MetricsRow> ReadMetrics(string dir)
    {
        var rows = new List<MetricsRow>();
        foreach (string line in File.ReadLines(Path.Combine(dir, RunLayout.MetricsFile)).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 6) continue;
            rows.Add(new MetricsRow(long.Parse(f[0], CultureInfo.InvariantCulture), D(f[1]), D(f[2]), D(f[3]), D(f[4]),
                int.Parse(f[5], CultureInfo.InvariantCulture), 0));
        }
        return rows;
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }
}

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
    /// <summary>The trained stage-2 model of a finished two-stage run, or null for a one-stage run; a two-stage run without it is an error.</summary>
    public static Vae? LoadStage2(string dir, RunConfig config, int maxBatch = 1000)
    {
        string path = Path.Combine(dir, RunLayout.Stage2ModelFile);
        if (!config.TwoStage) return null;
        if (!File.Exists(path)) throw new InvalidDataException($"'{dir}' is a two-stage run but has no {RunLayout.Stage2ModelFile}; train it again.");
        var model = RunFactory.CreateStage2Model(config, maxBatch);
        SafeTensors.Read(path, model.Parameters);
        return model;
    }

    /// <summary>Writes config.json: the resolved config, its seeds and the environment.</summary>
    public static void WriteConfig(string dir, RunConfig config, RunEnvironment environment, DataFileFingerprint? dataFile = null)
    {
        var node = new JsonObject
        {
            ["config"] = JsonSerializer.SerializeToNode(config, Json.Options),
            ["seeds"] = new JsonObject { ["data"] = config.DataSeed, ["model"] = config.Seed },
            ["environment"] = JsonSerializer.SerializeToNode(environment, Json.Options),
        };
        if (dataFile != null) node["dataFile"] = JsonSerializer.SerializeToNode(dataFile, Json.Options);
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

    /// <summary>The fingerprint of the data file stored in a run's config.json, or null (not a --data-file run, or written before fingerprints).</summary>
    public static DataFileFingerprint? ReadDataFileFingerprint(string dir)
    {
        var root = ConfigResolver.ReadConfigFile(Path.Combine(dir, RunLayout.ConfigFile));
        try
        {
            return root["dataFile"]?.Deserialize<DataFileFingerprint>(Json.Options);
        }
        catch (JsonException)
        {
            throw new ConfigException($"'{Path.Combine(dir, RunLayout.ConfigFile)}' has a malformed \"dataFile\" entry.");
        }
    }

    /// <summary>True when the folder's config.json holds the settings of <paramref name="config"/> (see <see cref="SameSettings"/>).</summary>
    public static bool HasConfig(string dir, RunConfig config)
    {
        try
        {
            return SameSettings(ReadConfig(dir), config);
        }
        catch (ConfigException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when a stored config is the run <paramref name="requested"/> asks for. A --data-file run stores the
    /// file's column count as its data dimension, which the request cannot know: those two are not compared.
    /// </summary>
    public static bool SameSettings(RunConfig stored, RunConfig requested)
    {
        if (requested.Family == DataFamilyKind.File) requested = requested with { DataDim = stored.DataDim, Padding = stored.Padding };
        return JsonSerializer.Serialize(stored, Json.Compact) == JsonSerializer.Serialize(requested, Json.Compact);
    }

    /// <summary>SHA-256 (hex) of the compact JSON of a config: what a checkpoint records to detect an edited config.json.</summary>
    public static string ConfigHash(RunConfig config) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(config, Json.Compact))));

    /// <summary>Reads summary.json.</summary>
    public static RunSummary ReadSummary(string dir)
    {
        string path = Path.Combine(dir, RunLayout.SummaryFile);
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(path), Json.Options)
                ?? throw new InvalidDataException($"'{path}' is not a VaeLab summary (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid VaeLab summary: {e.Message.Split('\n')[0]} Train the run again.");
        }
    }

    /// <summary>Loads the trained model of a finished run and its family.</summary>
    public static (RunConfig Config, DataFamily Family, Vae Model) Load(string dir, int maxBatch = 1000)
    {
        var (config, model) = LoadModel(dir, maxBatch);
        return (config, RunFactory.CreateFamily(config), model);
    }

    /// <summary>Loads the config and trained model of a finished run.</summary>
    public static (RunConfig Config, Vae Model) LoadModel(string dir, int maxBatch = 1000)
    {
        CheckFinished(dir);
        var config = ReadConfig(dir);
        return (config, LoadModel(dir, config, maxBatch));
    }

    /// <summary>Loads the trained model of a finished run whose config the caller has already read (config.json is parsed once).</summary>
    public static Vae LoadModel(string dir, RunConfig config, int maxBatch = 1000)
    {
        CheckFinished(dir);
        var model = RunFactory.CreateModel(config, maxBatch);
        SafeTensors.Read(Path.Combine(dir, RunLayout.ModelFile), model.Parameters);
        return model;
    }

    private static void CheckFinished(string dir)
    {
        if (!Directory.Exists(dir)) throw new ConfigException($"RUN_DIR '{dir}' does not exist.");
        if (!RunLayout.IsComplete(dir)) throw new ConfigException($"RUN_DIR '{dir}' is not a finished run (no {RunLayout.SummaryFile}).");
    }

    /// <summary>Reads metrics.csv as rows.</summary>
    public static IReadOnlyList<MetricsRow> ReadMetrics(string dir)
    {
        string path = Path.Combine(dir, RunLayout.MetricsFile);
        var rows = new List<MetricsRow>();
        int lineNumber = 1;
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            lineNumber++;
            var f = line.Split(',');
            if (line.Length == 0) continue;
            try
            {
                if (f.Length < 6) throw new FormatException("fewer than 6 fields");
                rows.Add(new MetricsRow(long.Parse(f[0], CultureInfo.InvariantCulture), D(f[1]), D(f[2]), D(f[3]), D(f[4]),
                    int.Parse(f[5], CultureInfo.InvariantCulture), 0));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} is not a metrics row ('{line[..Math.Min(line.Length, 40)].Replace("\0", "\\0")}'); the log is damaged: train the run again.");
            }
        }
        return rows;
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }
}

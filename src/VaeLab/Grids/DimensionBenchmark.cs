using System.Text.Json.Nodes;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;

namespace VaeLab.Grids;

/// <summary>
/// A dimension benchmark file: { "name", "base": { settings }, "cells": [ { settings }, ... ], "grid": { "setting": [values] },
/// "seeds": [...] }. Each run is base ⊕ cell ⊕ one point of the grid's product (for instance rotate x noiseVariance),
/// per seed; cells carry the family settings that do not combine freely (a swiss-roll has data-dim 2).
/// </summary>
public sealed record DimensionBenchmark(string Name, IReadOnlyList<GridRun> Runs)
{
    /// <summary>Reads a benchmark file and resolves every run like `vaelab train --config`; errors name the file and the key.</summary>
    public static DimensionBenchmark Read(string path)
    {
        var root = ConfigResolver.ReadConfigFile(path, "--grid");
        string where = $"benchmark file '{path}'";
        foreach (var (key, _) in root)
            if (key is not ("name" or "base" or "cells" or "grid" or "seeds"))
                throw new ConfigException($"{where}: unknown key '{key}'; expected name, base, cells, grid, seeds.");
        string name = root["name"] is JsonValue n && n.TryGetValue(out string? s) && s.Length > 0 ? s : Path.GetFileNameWithoutExtension(path);
        if (name.Any(c => !char.IsLetterOrDigit(c) && c is not ('-' or '_')))
            throw new ConfigException($"{where}: \"name\" must use letters, digits, - and _ only (got '{name}').");
        var @base = root["base"] as JsonObject ?? new JsonObject();
        if (root["cells"] is not JsonArray cells || cells.Count == 0 || cells.Any(c => c is not JsonObject))
            throw new ConfigException($"{where}: \"cells\" must be a non-empty array of settings objects.");
        var axes = new List<(string Key, JsonArray Values)>();
        if (root["grid"] is JsonObject g)
            foreach (var (key, values) in g)
                axes.Add((key, values as JsonArray is { Count: > 0 } a ? a : throw new ConfigException($"{where}: grid \"{key}\" must be a non-empty array of values.")));
        var seeds = root["seeds"] is JsonArray sa ? sa.Select(v => v?.GetValue<ulong>() ?? 0).ToArray() : [0UL];
        var points = new List<List<(string Key, JsonNode? Value)>> { new() };
        foreach (var (key, values) in axes)
            points = points.SelectMany(p => values.Select(v => new List<(string, JsonNode?)>(p) { (key, v) })).ToList();
        var runs = new List<GridRun>();
        foreach (JsonObject cell in cells.Cast<JsonObject>())
            foreach (var point in points)
                foreach (ulong seed in seeds)
                {
                    var settings = (JsonObject)@base.DeepClone();
                    foreach (var (key, value) in cell) settings[key] = value?.DeepClone();
                    foreach (var (key, value) in point) settings[key] = value?.DeepClone();
                    settings["seed"] = seed;
                    RunConfig config;
                    try
                    {
                        config = ConfigResolver.Resolve(settings, new Dictionary<string, string>());
                    }
                    catch (ConfigException e)
                    {
                        throw new ConfigException($"{where}: cell {cell.ToJsonString()}: {e.Message}");
                    }
                    runs.Add(new GridRun(name, Label(config), config));
                }
        if (runs.Select(r => r.RelativeDir).Distinct().Count() != runs.Count)
            throw new ConfigException($"{where}: two runs share a folder; give cells distinct family, data-dim, padding or union-dims.");
        return new DimensionBenchmark(name, runs);
    }

    /// <summary>A folder label: family, r-ish data settings, n, rotation, noise and seed.</summary>
    public static string Label(RunConfig c) =>
        $"{KindNames.Of(c.Family)}-d{c.DataDim}" + (c.Family == DataFamilyKind.Union ? "-u" + string.Join("x", c.UnionDims) : "") + $"-n{c.AmbientDim}"
        + (c.Rotate ? "-rot" : "") + (c.NoiseVariance > 0 ? $"-noise{c.NoiseVariance:G3}" : "") + $"-s{c.Seed}";
}

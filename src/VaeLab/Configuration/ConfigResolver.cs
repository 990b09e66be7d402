using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaeLab.Core;
using VaeLab.Data;

namespace VaeLab.Configuration;

/// <summary>
/// Resolves a <see cref="RunConfig"/> from the family's defaults, then a JSON config file, then CLI
/// overrides, in that order. Every bad key or value becomes a one-line <see cref="ConfigException"/>.
/// </summary>
public static class ConfigResolver
{
    /// <summary>Every setting, in declaration order.</summary>
    public static readonly IReadOnlyList<SettingInfo> Settings = typeof(RunConfig)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .Select(p => new SettingInfo(JsonNamingPolicy.CamelCase.ConvertName(p.Name), ToKebab(p.Name),
            WithDefault(p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? p.Name, p), p.PropertyType))
        .ToArray();

    // "{default}" in a description becomes "(default V)", or "(default V linear, W otherwise)" when the
    // sigmoid and sphere defaults agree with each other but not with linear's.
    private static string WithDefault(string description, PropertyInfo p)
    {
        if (!description.Contains("{default}")) return description;
        string[] v = [.. new[] { DataFamilyKind.Linear, DataFamilyKind.Sigmoid, DataFamilyKind.Sphere }.Select(f => FormatDefault(p.GetValue(RunConfig.Defaults(f))))];
        string text = v.Distinct().Count() == 1 ? $"(default {v[0]})"
            : v[1] == v[2] ? $"(default {v[0]} linear, {v[1]} otherwise)"
            : $"(default {v[0]} linear, {v[1]} sigmoid, {v[2]} sphere)";
        return description.Replace("{default}", text);
    }

    private static string FormatDefault(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        int[] a => $"[{string.Join(",", a)}]",
        double d when d != 0 && Math.Abs(d) < 0.01 && Math.Log10(Math.Abs(d)) is var e && e == Math.Round(e) => $"{(d < 0 ? "-" : "")}1e{e}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>Reads and parses a JSON object file; the error names <paramref name="label"/> (the option or argument), the file and what is wrong.</summary>
    public static JsonObject ReadConfigFile(string path, string label = "--config")
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException($"{label} is empty: give a JSON file.");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException($"{label} cannot read '{path}': {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(text)) throw new ConfigException($"{label} '{path}' is empty: it must hold a JSON object {{...}}.");
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }) as JsonObject
                ?? throw new ConfigException($"{label} '{path}' must hold a JSON object {{...}} (got another JSON value).");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{label} '{path}' is not valid JSON: {FirstLine(e.Message)}");
        }
    }

    /// <summary>Resolves and validates: defaults(family) &lt;- file &lt;- overrides (keys are JSON keys).</summary>
    public static RunConfig Resolve(JsonObject? file, IReadOnlyDictionary<string, string> overrides)
    {
        if (overrides.TryGetValue("dataFile", out var df) && string.IsNullOrWhiteSpace(df))
            throw new ConfigException("--data-file is empty: give a .csv or .npy file, or leave the option out for a synthetic family.");
        bool hasDataFile = df != null
            || (file?["dataFile"] is JsonValue dv && dv.TryGetValue(out string? dfs) && dfs.Length > 0);
        string family = overrides.TryGetValue("family", out var f) ? f
            : file?["family"] is JsonValue v && v.TryGetValue(out string? s) ? s : hasDataFile ? "file" : "linear";
        if (!KindNames.TryParse(family, out DataFamilyKind kind))
        {
            string generated = string.Join(", ", KindNames.All<DataFamilyKind>().Where(n => n != KindNames.Of(DataFamilyKind.File)));
            throw new ConfigException($"--family must be one of {generated}, or file with --data-file (got '{family}').");
        }
        var merged = JsonSerializer.SerializeToNode(RunConfig.Defaults(kind), Json.Options)!.AsObject();
        if (file != null)
        {
            foreach (var (key, value) in file)
            {
                CheckKey(key, "config key");
                merged[key] = value?.DeepClone();
            }
        }
        foreach (var (key, text) in overrides)
        {
            CheckKey(key, "setting");
            merged[key] = ParseOverride(key, text, merged[key]);
        }
        foreach (var setting in Settings)
            if (setting.Type.IsEnum && merged[setting.Key] is JsonValue kindValue && kindValue.TryGetValue(out string? kindName))
                CheckKind(setting, kindName);
        RunConfig config;
        try
        {
            config = merged.Deserialize<RunConfig>(Json.Options)!;
        }
        catch (JsonException e)
        {
            string key = (e.Path?.TrimStart('$', '.') ?? "?").Split('[')[0];
            var setting = Settings.FirstOrDefault(x => x.Key == key);
            throw new ConfigException($"config key '{key}' has the wrong type: expected {Describe(setting?.Type)} (got {merged[key]?.ToJsonString() ?? "null"}).");
        }
        config.Validate();
        return config;
    }

    /// <summary>The closest known key to <paramref name="key"/> by edit distance, or null when none is close.</summary>
    public static string? Suggest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = EditDistance(key.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static void CheckKey(string key, string what)
    {
        if (Settings.Any(s => s.Key == key)) return;
        string? hint = Suggest(key, Settings.Select(s => s.Key));
        throw new ConfigException($"{what} '{key}' is not a setting of VaeLab" + (hint == null ? "; run 'vaelab train --help' for the list." : $"; did you mean '{hint}'?"));
    }

    private static void CheckKind(SettingInfo setting, string name)
    {
        string[] names = Enum.GetValues(setting.Type).Cast<Enum>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())).ToArray();
        if (!names.Contains(name))
            throw new ConfigException($"--{setting.Option} must be one of {string.Join(", ", names)} (got '{name}').");
    }

    private static JsonNode? ParseOverride(string key, string text, JsonNode? current)
    {
        var setting = Settings.First(s => s.Key == key);
        string option = "--" + setting.Option;
        Type t = setting.Type;
        if (t == typeof(string) || t.IsEnum) return JsonValue.Create(text);
        if (t == typeof(bool))
        {
            if (bool.TryParse(text, out bool b)) return JsonValue.Create(b);
            throw new ConfigException($"{option} must be true or false (got '{text}').");
        }
        if (t == typeof(int[]))
        {
            string body = text.Trim().TrimStart('[').TrimEnd(']');
            var parts = body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var array = new JsonArray();
            foreach (string part in parts)
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int h))
                    throw new ConfigException($"{option} must be a comma-separated list of integers such as 200,200,200 (got '{text}').");
                array.Add(h);
            }
            return array;
        }
        if (t == typeof(int) || t == typeof(ulong))
        {
            if (t == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return JsonValue.Create(i);
            if (t == typeof(ulong) && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong u)) return JsonValue.Create(u);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
            {
                if (t == typeof(int) && (d < int.MinValue || d > int.MaxValue))
                    throw new ConfigException($"{option} must be an integer below {int.MaxValue} (got '{text}').");
                if (t == typeof(ulong) && d < 0) throw new ConfigException($"{option} must be a non-negative integer (got '{text}').");
                return t == typeof(int) ? JsonValue.Create((int)d) : JsonValue.Create((ulong)d);
            }
            throw new ConfigException($"{option} must be {(t == typeof(ulong) ? "a non-negative integer" : "an integer")} (got '{text}').");
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) return JsonValue.Create(x);
        throw new ConfigException($"{option} must be a number (got '{text}').");
    }

    private static string Describe(Type? t) =>
        t == typeof(string) || t is { IsEnum: true } ? "a string" : t == typeof(bool) ? "true or false" : t == typeof(int[]) ? "an array of integers"
        : t == typeof(ulong) ? "a non-negative integer" : t == typeof(int) ? "an integer" : "a number";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string ToKebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}

using System.Text.Json;

namespace VaeLab.Core;

/// <summary>
/// The ownership rules for folders: VaeLab deletes or replaces a folder only when it can prove it made it (its
/// marker file, or a config.json with VaeLab's schema) and the folder lies strictly under the output root. It never
/// touches ".", "..", the working directory or one of its ancestors, a symbolic link, or anything outside the root.
/// </summary>
public static class SafeFolder
{
    /// <summary>The marker (and lock) file VaeLab writes into every run folder it creates.</summary>
    public const string MarkerFile = ".vaelab";

    /// <summary>True when <paramref name="dir"/> holds VaeLab's marker or a config.json written by VaeLab.</summary>
    public static bool IsVaeLabMade(string dir) =>
        Directory.Exists(dir) && (File.Exists(Path.Combine(dir, MarkerFile)) || HasVaeLabConfig(Path.Combine(dir, "config.json")));

    /// <summary>True when <paramref name="dir"/> exists and holds no entry at all.</summary>
    public static bool IsEmpty(string dir) => Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any();

    /// <summary>
    /// Checks that <paramref name="dir"/> may be used as an output folder: it is missing, empty, or made by VaeLab,
    /// is not a file, and is neither the working directory nor one of its ancestors. <paramref name="option"/>
    /// names the setting in the error.
    /// </summary>
    public static void CheckOutput(string dir, string option)
    {
        RequireFolderPath(dir, option);
        if (Directory.Exists(dir) && !IsEmpty(dir) && !IsVaeLabMade(dir))
            throw new ConfigException($"{option} '{dir}' exists and holds files VaeLab did not write; pass a new or empty folder (VaeLab never deletes what it did not create).");
    }

    /// <summary>The marker VaeLab writes into the output folder of a grid (reproduce, sweep) it creates or takes over.</summary>
    public const string GridMarkerFile = ".vaelab-grid";

    // What a grid writes at the top of its output folder (AtomicFile's temporary names of these included).
    private static readonly string[] GridEntries =
        [GridMarkerFile, "runs", "results.csv", "report.md", "report.html", "figures", "theory", "plots", "sweep.json", "dimension-benchmark.md"];

    /// <summary>
    /// Takes <paramref name="dir"/> as the output folder of a grid of <paramref name="kind"/> ("reproduce quick",
    /// "sweep NAME", ...), creating it and its marker, which holds the kind: the folder must be missing, empty, marked for
    /// the same kind, or (a grid of a build before the marker) hold nothing but what such a grid writes, with at least one
    /// run VaeLab made. Shards starting together may all take it. Otherwise throws and writes nothing.
    /// </summary>
    public static void ClaimGridOutput(string dir, string option, string kind)
    {
        RequireFolderPath(dir, option);
        string marker = Path.Combine(dir, GridMarkerFile);
        string[] entries = Directory.Exists(dir) ? [.. Directory.EnumerateFileSystemEntries(dir).Select(e => Path.GetFileName(e))] : [];
        if (entries.Contains(GridMarkerFile)) RequireKind(dir, option, marker, kind);
        else if (entries.Length > 0 && LegacyGridProblem(dir, entries, kind) is { } problem && !File.Exists(marker)) // a shard may have just marked it
            throw new ConfigException($"{option} '{dir}' {problem}; pass a new or empty folder, or the folder of an earlier {kind} (VaeLab never overwrites what it did not create).");
        Directory.CreateDirectory(dir);
        try
        {
            using var stream = new FileStream(marker, FileMode.CreateNew, FileAccess.Write);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(kind + "\n"));
        }
        catch (IOException) when (File.Exists(marker))
        {
            RequireKind(dir, option, marker, kind); // another shard made it first
        }
    }

    // The marker's kind must be ours; an empty one is a shard's that has not written it yet.
    private static void RequireKind(string dir, string option, string marker, string kind)
    {
        string found = File.ReadAllText(marker).Trim();
        if (found.Length > 0 && found != kind)
            throw new ConfigException($"{option} '{dir}' holds the output of {found}, not of {kind}; pass a new folder (the runs of two grids would mix).");
    }

    // Why an unmarked, non-empty folder is not an earlier grid of this kind; null when it is.
    private static string? LegacyGridProblem(string dir, string[] entries, string kind)
    {
        if (entries.FirstOrDefault(n => !IsGridEntry(n)) is { } foreign) return $"holds '{foreign}', which is not part of a VaeLab grid";
        if (!HoldsVaeLabRun(Path.Combine(dir, "runs"))) return $"is not empty and holds no run VaeLab made (no {GridMarkerFile}, no runs/GRID/RUN with a {MarkerFile} marker)";
        bool sweep = entries.Contains("sweep.json"), dimension = entries.Contains("dimension-benchmark.md");
        string earlier = sweep ? "a sweep" : dimension ? "a dimension benchmark" : "a reproduction";
        bool same = kind.StartsWith("sweep", StringComparison.Ordinal) ? sweep : kind.StartsWith("dimension", StringComparison.Ordinal) ? dimension : !sweep && !dimension;
        return same ? null : $"holds the output of {earlier}, not of {kind}";
    }

    // A grid of a build before the marker: runs/GRID/RUN folders, at least one of them VaeLab's.
    private static bool HoldsVaeLabRun(string runs) =>
        Directory.Exists(runs) && Directory.EnumerateDirectories(runs).SelectMany(Directory.EnumerateDirectories).Any(IsVaeLabMade);

    /// <summary>
    /// Throws <see cref="ConfigException"/> when <paramref name="dir"/> cannot be a folder to write into: empty, a file,
    /// under a file, or the working directory or one of its parents.
    /// </summary>
    public static void RequireFolderPath(string dir, string option)
    {
        if (string.IsNullOrWhiteSpace(dir)) throw new ConfigException($"{option} is empty: give a folder path such as results/NAME.");
        if (File.Exists(dir)) throw new ConfigException($"{option} '{dir}' is a file, not a folder; pass a folder path.");
        if (IsWorkingDirectoryOrAncestor(dir))
            throw new ConfigException($"{option} '{dir}' is the working directory or one of its parents; pass a new folder such as results/NAME.");
        for (string? up = Path.GetDirectoryName(Full(dir)); !string.IsNullOrEmpty(up); up = Path.GetDirectoryName(up))
        {
            if (File.Exists(up)) throw new ConfigException($"{option} '{dir}': '{up}' is a file, not a folder; pass a path under a folder.");
            if (Directory.Exists(up)) break;
        }
    }

    private static bool IsGridEntry(string name) =>
        GridEntries.Any(e => name == e || name.StartsWith(e + ".tmp-", StringComparison.Ordinal));

    /// <summary>Throws unless the resolved <paramref name="path"/> lies strictly under <paramref name="root"/>.</summary>
    public static void CheckUnder(string path, string root, string what)
    {
        if (!IsStrictlyUnder(path, root))
            throw new ConfigException($"{what} '{path}' would lie outside '{root}'; a path must stay under its output folder.");
    }

    /// <summary>True when the full path of <paramref name="path"/> lies strictly inside the full path of <paramref name="root"/>.</summary>
    public static bool IsStrictlyUnder(string path, string root)
    {
        string p = Full(path), r = Full(root);
        return p.Length > r.Length + 1 && p.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Deletes <paramref name="dir"/> and everything in it, only when the rules allow it: made by VaeLab (or empty),
    /// strictly under <paramref name="root"/>, not a link, not the working directory or an ancestor. Otherwise throws
    /// and deletes nothing. A missing folder is a no-op.
    /// </summary>
    public static void Delete(string dir, string root)
    {
        if (!Directory.Exists(dir)) return;
        CheckDeletable(dir, root);
        if (IsEmpty(dir)) Directory.Delete(dir, recursive: false);
        else Directory.Delete(dir, recursive: true);
    }

    /// <summary>Throws <see cref="ConfigException"/> naming the rule that forbids deleting <paramref name="dir"/>; returns when it may be deleted.</summary>
    public static void CheckDeletable(string dir, string root)
    {
        string name = Path.GetFileName(Full(dir));
        if (name is "" or "." or ".." || IsWorkingDirectoryOrAncestor(dir))
            throw new ConfigException($"refusing to delete '{dir}': it is the working directory, one of its parents or a file-system root.");
        if (!IsStrictlyUnder(dir, root))
            throw new ConfigException($"refusing to delete '{dir}': it is not under the output folder '{root}'.");
        if (new DirectoryInfo(dir).LinkTarget != null)
            throw new ConfigException($"refusing to delete '{dir}': it is a symbolic link; remove it yourself if it should go.");
        if (!IsEmpty(dir) && !IsVaeLabMade(dir))
            throw new ConfigException($"refusing to delete '{dir}': VaeLab did not create it (no {MarkerFile} marker or VaeLab config.json); move it away yourself.");
    }

    /// <summary>True when <paramref name="dir"/> is the working directory or contains it.</summary>
    public static bool IsWorkingDirectoryOrAncestor(string dir)
    {
        string d = Full(dir), cwd = Full(Environment.CurrentDirectory);
        return cwd == d || cwd.StartsWith(d.EndsWith(Path.DirectorySeparatorChar) ? d : d + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="path"/> is a config.json of VaeLab's schema: an object with "config", "seeds" and "environment" objects.</summary>
    public static bool HasVaeLabConfig(string path) => JsonFileMatches(path, 1 << 20, root =>
        root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("seeds", out var s) && s.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("environment", out var e) && e.ValueKind == JsonValueKind.Object);

    /// <summary>
    /// True when <paramref name="path"/> is a JSON object of at most <paramref name="maxBytes"/> for which
    /// <paramref name="test"/> holds: how VaeLab recognises a file it wrote. False for anything missing, unreadable or malformed.
    /// </summary>
    public static bool JsonFileMatches(string path, long maxBytes, Func<JsonElement, bool> test)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > maxBytes) return false;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object && test(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The name of the first entry of <paramref name="dir"/> that <paramref name="isOwn"/> does not accept; null when there is none.</summary>
    public static string? FirstForeignEntry(string dir, Func<string, bool> isOwn) =>
        Directory.EnumerateFileSystemEntries(dir).Select(e => Path.GetFileName(e)).FirstOrDefault(n => !isOwn(n));

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}

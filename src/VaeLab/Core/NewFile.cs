namespace VaeLab.Core;

/// <summary>
/// The files a user names for VaeLab to write (`--out FILE`, `--json FILE`): only new ones, so that VaeLab never
/// overwrites a file it did not create. Checked before any work starts, so that a long command does not fail at its end.
/// </summary>
public static class NewFile
{
    /// <summary>
    /// Throws <see cref="ConfigException"/> (one line: the option, the path and the fix) when <paramref name="path"/> is
    /// empty, when it or one of the <paramref name="companions"/> written beside it exists, or when its folder does not.
    /// </summary>
    public static void Require(string option, string path, params string[] companions)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException($"{option} is empty: give a new file name.");
        foreach (string p in (string[])[path, .. companions])
            if (File.Exists(p) || Directory.Exists(p))
                throw new ConfigException($"{option} '{path}'{(p == path ? "" : $": '{p}' beside it")} exists and VaeLab does not overwrite files it did not create; give a new file name or move it away.");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
            throw new ConfigException($"{option} '{path}': the folder '{folder}' does not exist; create it or give a file in an existing folder.");
        try
        {
            // The file itself, created and deleted at once: its name and the folder's permissions are checked before the work.
            using var probe = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ConfigException($"{option} '{path}': VaeLab cannot create it ({e.Message.TrimEnd('.')}); give a new file in a folder you may write to.");
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace VaeLab.Core;

/// <summary>
/// Turns a grid value into a safe part of a run-folder name: letters, digits, '.', '-' and '_' only, never starting
/// with '.', at most 40 characters. A value that is a path, is long, or had to be changed gets a short hash of the
/// whole value appended, so that different values never share a folder ("data/a.csv" and "other/a.csv" differ).
/// </summary>
public static class RunLabel
{
    private const int MaxLength = 40;

    /// <summary>The safe label of <paramref name="value"/>.</summary>
    public static string Of(string value)
    {
        bool isPath = value.Contains('/') || value.Contains('\\');
        string readable = isPath ? Path.GetFileName(value.TrimEnd('/', '\\')) : value;
        var sb = new StringBuilder(readable.Length);
        foreach (char c in readable) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        string safe = sb.ToString().TrimStart('.');
        if (safe.Length > MaxLength - 9) safe = safe[..(MaxLength - 9)];
        bool changed = isPath || safe != value || value.Length == 0;
        return changed ? (safe.Length > 0 ? safe + "-" : "") + Hash(value) : safe;
    }

    /// <summary>The first 8 hex digits of SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}

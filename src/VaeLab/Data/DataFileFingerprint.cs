using System.Security.Cryptography;
using VaeLab.Core;

namespace VaeLab.Data;

/// <summary>
/// What identifies a --data-file: its size in bytes, its shape and the SHA-256 of its bytes. Stored in a run's
/// config.json, so that `analyze` (and resume) can tell that the file is still the one the model was trained on.
/// </summary>
public sealed record DataFileFingerprint(long Bytes, int Rows, int Cols, string Sha256)
{
    /// <summary>The fingerprint of <paramref name="path"/>, read once as a stream, with the shape of its parsed data.</summary>
    public static DataFileFingerprint Of(string path, int rows, int cols)
    {
        using var stream = File.OpenRead(path);
        return new DataFileFingerprint(stream.Length, rows, cols, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>Throws naming the difference when <paramref name="path"/> is no longer the file this fingerprint was taken of.</summary>
    public void Check(string path, int rows, int cols)
    {
        var now = Of(path, rows, cols);
        if (now == this) return;
        string what = now.Bytes != Bytes ? $"{now.Bytes} bytes, the run was trained on {Bytes}"
            : now.Rows != Rows || now.Cols != Cols ? $"{now.Rows}x{now.Cols} values, the run was trained on {Rows}x{Cols}"
            : $"other contents (SHA-256 {now.Sha256[..12]}..., the run was trained on {Sha256[..12]}...)";
        throw new ConfigException($"--data-file '{path}' has changed since the run was trained: {what}; restore the original file.");
    }
}

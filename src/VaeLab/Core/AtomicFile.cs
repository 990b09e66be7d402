namespace VaeLab.Core;

/// <summary>Writes a file under a temporary name in the same folder and renames it into place when complete.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Runs <paramref name="write"/> on a temporary file, flushes it, then renames it to <paramref name="path"/>. With
    /// <paramref name="overwrite"/> false the rename fails (IOException, temporary file removed) when <paramref name="path"/> exists.
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        // The process id and a unique part: pods of an indexed Job writing one shared folder can have the same process id.
        string temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
        }
        catch
        {
            // The first error is the one to report: a failing clean-up (read-only folder, full disk) must not replace it.
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    /// <summary>Writes text atomically; with <paramref name="overwrite"/> false an existing file is never replaced (IOException).</summary>
    public static void WriteText(string path, string text, bool overwrite = true) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); }, overwrite);
}

using VaeLab.Core;

namespace VaeLab.Runs;

/// <summary>
/// An exclusive lock on one run folder: the folder's marker file (<see cref="SafeFolder.MarkerFile"/>) held open
/// with FileShare.None, which .NET maps to flock(LOCK_EX | LOCK_NB) on Unix. The kernel drops the lock when its
/// process ends in any way (exit, crash, SIGKILL, node reboot of a local disk), so a stale lock of a dead process
/// is taken over by the next one without any clean-up. The marker file is never deleted by its holder while held,
/// and it stays in the finished run folder as VaeLab's proof of ownership.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(string folder, FileStream stream) => (Folder, _stream) = (folder, stream);

    /// <summary>The folder this lock holds.</summary>
    public string Folder { get; }

    /// <summary>
    /// Creates <paramref name="folder"/> when missing and takes its lock, or returns null when another process
    /// holds it. File-system errors (read-only, missing parent) propagate as <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public static RunLock? TryAcquire(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, SafeFolder.MarkerFile);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            return null;
        }
        // The holder's process id, for people looking at the folder; the lock itself is the flock, not this text.
        var text = System.Text.Encoding.UTF8.GetBytes($"VaeLab run folder; locked by process {Environment.ProcessId} on {Environment.MachineName}\n");
        stream.SetLength(0);
        stream.Write(text);
        stream.Flush();
        return new RunLock(folder, stream);
    }

    /// <summary>Takes the lock of <paramref name="folder"/> or throws <see cref="RunBusyException"/> naming the folder.</summary>
    public static RunLock Acquire(string folder) => TryAcquire(folder)
        ?? throw new RunBusyException($"run folder '{folder}' is in use by another vaelab process (its lock {SafeFolder.MarkerFile} is held); wait for it to finish, or stop it first.");

    /// <summary>True when another process holds the lock of <paramref name="folder"/> right now (a probe: takes and releases it).</summary>
    public static bool IsHeldElsewhere(string folder)
    {
        string path = Path.Combine(folder, SafeFolder.MarkerFile);
        if (!File.Exists(path)) return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Releases the lock (the marker file stays).</summary>
    public void Dispose() => _stream.Dispose();

    // .NET reports a failed flock as an IOException carrying EWOULDBLOCK (11) on Unix, or ERROR_SHARING_VIOLATION /
    // ERROR_LOCK_VIOLATION (32, 33) on Windows, in the low word of HResult.
    private static bool IsSharingViolation(IOException e) =>
        e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException
        && ((e.HResult & 0xFFFF) is 11 or 32 or 33 || e.Message.Contains("being used by another process", StringComparison.Ordinal));
}

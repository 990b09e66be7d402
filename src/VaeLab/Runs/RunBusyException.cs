namespace VaeLab.Runs;

/// <summary>The run folder's lock is held by another process: nothing was changed (exit code <see cref="Core.ExitCodes.Busy"/>).</summary>
public sealed class RunBusyException(string message) : IOException(message);

namespace VaeLab.Runs;

/// <summary>The run folder's lock is held by another process: nothing was changed (`vaelab` exits with 3).</summary>
public sealed class RunBusyException(string message) : IOException(message);

namespace VaeLab.Cli;

/// <summary>What `vaelab` exits with.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The input was good but a run failed: training diverged, or runs of a grid or sweep failed.</summary>
    public const int RunFailed = 1;

    /// <summary>Bad input: a setting, file or folder; the one-line message says which and how to fix it.</summary>
    public const int BadInput = 2;

    /// <summary>The run folder is in use by another vaelab process (its lock is held); nothing was changed.</summary>
    public const int Busy = 3;

    /// <summary>Stopped by Ctrl-C, SIGTERM or SIGHUP; a checkpoint is saved where the run can resume (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

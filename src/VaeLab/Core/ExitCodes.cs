namespace VaeLab.Core;

/// <summary>What each exit code of `vaelab` means (README, "What VaeLab promises").</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>The work ran but some of it failed (a sweep with failed runs, a diverged training run).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a setting, file or command line VaeLab cannot use; one `error:` line says which and how to fix it.</summary>
    public const int BadInput = 2;

    /// <summary>The run folder is in use by another VaeLab process (its lock is held); nothing was changed.</summary>
    public const int Busy = 3;

    /// <summary>Stopped by Ctrl-C, SIGTERM or SIGHUP; the checkpoint is saved and the run can be resumed.</summary>
    public const int Interrupted = 130;
}

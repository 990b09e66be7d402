using VaeLab.Core;
using VaeLab.Runs;
using VaeLab.Training;

namespace VaeLab.Cli;

/// <summary>
/// Turns expected failures into one line on stderr and a named exit code (<see cref="ExitCodes"/>): bad input
/// "error: ..." and 2, a locked run folder "error: ..." and 3, an interruption "interrupted: ..." and 130.
/// Unexpected exceptions (bugs) print in full.
/// </summary>
public static class CliErrors
{
    /// <summary>Runs a command and maps its expected failures to <see cref="ExitCodes"/>.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (Expected(e) is { } failure)
        {
            Console.Error.WriteLine(failure.Line);
            return failure.ExitCode;
        }
    }

    /// <summary>The line (with its "error: " or "interrupted: " prefix) and exit code of an expected failure, or null for a bug.</summary>
    public static (string Line, int ExitCode)? Expected(Exception e) => e switch
    {
        AggregateException a when a.Flatten().InnerExceptions is { Count: > 0 } inner && Expected(inner[0]) is { } first => first,
        RunBusyException => ("error: " + e.Message, ExitCodes.Busy),
        TrainingInterruptedException => ("interrupted: " + e.Message, ExitCodes.Interrupted),
        OperationCanceledException => ("interrupted: stopped before finishing; run the same command again to continue.", ExitCodes.Interrupted),
        ConfigException or InvalidDataException => ("error: " + OneLine(e.Message), ExitCodes.BadInput),
        TrainingDivergedException => ("error: " + OneLine(e.Message), ExitCodes.RunFailed),
        UnauthorizedAccessException or DirectoryNotFoundException or FileNotFoundException or PathTooLongException
            => ("error: " + OneLine(e.Message) + " Check that the path exists and that you may write there.", ExitCodes.BadInput),
        IOException io when IsDiskFull(io) => ("error: the disk is full: " + OneLine(e.Message) + " Free some space (the run folder is kept; resume it afterwards).", ExitCodes.BadInput),
        IOException io when io.GetType() == typeof(IOException) => ("error: " + OneLine(e.Message), ExitCodes.BadInput),
        OutOfMemoryException => ("error: out of memory; use smaller layers, --latent, --padding, --batch-size or sample counts.", ExitCodes.BadInput),
        _ => null,
    };

    // ENOSPC (28) and EDQUOT (122) as .NET reports them in the low word of HResult.
    private static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) is 28 or 122 or 0x70 || e.Message.Contains("No space left", StringComparison.Ordinal);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

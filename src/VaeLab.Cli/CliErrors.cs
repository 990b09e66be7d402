using VaeLab.Core;
using VaeLab.Runs;
using VaeLab.Training;

namespace VaeLab.Cli;

/// <summary>Turns expected failures into one line on stderr and a named exit code; unexpected ones print in full.</summary>
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
            Console.Error.WriteLine("error: " + failure.Message);
            return failure.ExitCode;
        }
    }

    /// <summary>The one-line message and exit code of an expected failure, or null for a bug.</summary>
    public static (string Message, int ExitCode)? Expected(Exception e) => e switch
    {
        ConfigException or InvalidDataException => (e.Message, ExitCodes.BadInput),
        TrainingDivergedException => (e.Message, ExitCodes.RunFailed),
        TrainingInterruptedException => (e.Message, ExitCodes.Interrupted),
        OperationCanceledException => ("cancelled.", ExitCodes.Interrupted),
        _ => null,
    };
}

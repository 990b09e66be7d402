using VaeLab.Core;
using VaeLab.Runs;
using VaeLab.Training;

namespace VaeLab.Cli;

/// <summary>Turns expected failures into one line on stderr and a non-zero exit; unexpected ones print in full.</summary>
public static class CliErrors
{
    public const int BadInput = 2;
    public const int Failed = 1;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (Expected(e) is { } message)
        {
            Console.Error.WriteLine("error: " + message);
            return BadInput;
        }
    }

    /// <summary>The one-line message of an expected failure, or null for a bug.</summary>
    public static string? Expected(Exception e) => e switch
    {
        ConfigException or TrainingDivergedException or InvalidDataException => e.Message,
        TrainingInterruptedException => e.Message,
        OperationCanceledException => "cancelled.",
        _ => null,
    };
}

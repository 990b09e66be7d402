namespace VaeLab.Tests.Cli;

/// <summary>Runs the CLI in-process with stdout and stderr captured. Console redirection is global: tests using it share one collection.</summary>
public static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (o, e) = (new StringWriter(), new StringWriter());
            Console.SetOut(o);
            Console.SetError(e);
            // Spectre caches its console at first use: point it at this call's writer.
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
            {
                Out = new Spectre.Console.AnsiConsoleOutput(o),
                Ansi = Spectre.Console.AnsiSupport.No,
            });
            try
            {
                int exit = VaeLab.Cli.Program.Main(args);
                return (exit, o.ToString(), e.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vaelab-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;

using System.Diagnostics;

namespace VaeLab.Tests.Cli;

/// <summary>Runs `vaelab` as a real child process (for kills, signals, locks and concurrent use), and the checks every bad input must pass.</summary>
public static class CliProcess
{
    private static readonly string Cli = typeof(VaeLab.Cli.Program).Assembly.Location;

    /// <summary>
    /// Starts `vaelab ARGS` with stdout and stderr redirected. The child gets default SIGHUP, SIGINT and SIGTERM
    /// dispositions (perl resets them, then execs dotnet under the same PID): a test runner started by nohup or as a
    /// background job inherits those signals ignored, and the .NET runtime keeps an inherited "ignore", as a shell would.
    /// </summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("perl", ["-e", "$SIG{HUP} = $SIG{INT} = $SIG{TERM} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die", "dotnet", "exec", Cli, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        return Process.Start(start)!;
    }

    /// <summary>Runs `vaelab ARGS` to the end (at most <paramref name="timeoutSeconds"/>).</summary>
    public static (int Exit, string Out, string Err) Run(string[] args, int timeoutSeconds = 60) => Wait(Start(args), timeoutSeconds);

    /// <summary>Waits for a started process and collects its output.</summary>
    public static (int Exit, string Out, string Err) Wait(Process p, int timeoutSeconds = 60)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"vaelab did not finish within {timeoutSeconds} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Sends a POSIX signal (SIGTERM 15, SIGHUP 1, SIGINT 2) to a process.</summary>
    public static void Signal(Process p, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), at most <paramref name="seconds"/>.</summary>
    public static bool WaitFor(Func<bool> condition, double seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>What every bad input must give: the exit code, exactly one line on stderr starting with the prefix, no stack trace.</summary>
    public static void AssertOneLine(int expectedExit, int exit, string err, string prefix = "error: ")
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("note: ", StringComparison.Ordinal)).ToArray();
        Assert.True(exit == expectedExit, $"exit {exit}, expected {expectedExit}: {err}");
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {err}");
        Assert.StartsWith(prefix, lines[0]);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Exception", err);
    }
}

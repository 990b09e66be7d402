using System.Globalization;
using Spectre.Console;
using VaeLab.Runs;

namespace VaeLab.Cli;

/// <summary>Terminal output: progress bars on a terminal, plain lines when redirected, summary tables.</summary>
public static class Terminal
{
    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar (when <paramref name="show"/> and stdout is a terminal)
    /// and Ctrl-C, SIGTERM and SIGHUP wired to its cancellation token.
    /// </summary>
    public static T Progress<T>(bool show, string label, long total, Func<Action<long>, CancellationToken, T> work)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        System.Console.CancelKeyPress += handler;
        // SIGTERM (Slurm's time limit, `kill`) and SIGHUP (preemption, a closed terminal) save a checkpoint like Ctrl-C.
        Action<System.Runtime.InteropServices.PosixSignalContext> stop = context => { context.Cancel = true; cancel.Cancel(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, stop);
        using var hangup = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, stop);
        // SIGINT too, explicitly: a job started in the background of a script inherits SIGINT ignored, and `kill -INT` should still stop it cleanly.
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, stop);
        try
        {
            if (!show || System.Console.IsOutputRedirected) return work(_ => { }, cancel.Token);
            T result = default!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(label, maxValue: Math.Max(1, total));
                    result = work(done => task.Value = done, cancel.Token);
                    task.Value = task.MaxValue;
                });
            return result;
        }
        finally
        {
            System.Console.CancelKeyPress -= handler;
        }
    }

    /// <summary>Prints the end state of a training run.</summary>
    public static void PrintSummary(string outDir, RunSummary s)
    {
        var table = new Table().AddColumn("quantity").AddColumn("value");
        table.AddRow("run folder", Markup.Escape(outDir));
        table.AddRow("final loss (nats)", $"{F(s.FinalLoss)} ± {F(s.FinalLossStandardError)}");
        table.AddRow("decoder log-variance", $"{F(s.DecoderLogVariance)} (start {F(s.InitialDecoderLogVariance)})");
        table.AddRow("decoder variance", F(s.DecoderVariance));
        table.AddRow($"active latents (var < {F(s.ActiveThreshold)})", s.ActiveLatents.ToString(CultureInfo.InvariantCulture));
        table.AddRow("encoder variances", string.Join(" ", s.EncoderVariances.Select(F)));
        table.AddRow("steps", $"{s.Steps} in {s.WallSeconds:F1} s ({s.MicrosecondsPerStep:F1} µs/step)");
        AnsiConsole.Write(table);
    }

    /// <summary>A verdict in colour for the terminal: <paramref name="yes"/> in green when it holds, <paramref name="no"/> in red otherwise.</summary>
    public static string Verdict(bool holds, string yes = "holds", string no = "fails") => $"[{VerdictColour(holds)}]{(holds ? yes : no)}[/]";

    /// <summary>The colour of a verdict: green when it holds, yellow when it mostly holds, red otherwise.</summary>
    public static string VerdictColour(bool holds, bool mostly = false) => holds ? "green" : mostly ? "yellow" : "red";

    /// <summary>A claim's status in colour: "holds" in green, anything else as "fails" in red.</summary>
    public static string Verdict(string status) => Verdict(status == VaeLab.Claims.ClaimRules.Holds);

    /// <summary>A number as the tables print it: four significant digits, invariant culture.</summary>
    public static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}

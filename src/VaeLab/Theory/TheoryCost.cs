using VaeLab.Core;

namespace VaeLab.Theory;

/// <summary>
/// How long `vaelab theory linear` will take, estimated from its settings alone, so that absurd sizes are refused
/// before they start and long ones are announced. The count is of multiply-adds, per trajectory (two of each kind):
/// an Euler step of the gradient flow costs about 6n³ + 6n²m + 2nm² (the products of R = I - WB with S and its
/// transposes); a Monte Carlo Adam step with batch 100 about 900nm (forward and backward through the linear encoder
/// and decoder); each of the at most 201 recorded snapshots a singular value decomposition of W and the exact loss,
/// about 4n³ + 4n²m + 10nm·min(n, m). The rate, 10⁹ multiply-adds a second plus 2 µs a step, is what MathNet's
/// managed dense algebra reached on a shared 2-core machine; faster machines finish sooner, so the estimate errs long.
/// </summary>
public static class TheoryCost
{
    /// <summary>Multiply-adds a second the estimate assumes.</summary>
    public const double Rate = 1e9;

    /// <summary>Runs estimated longer than this (6 hours) are refused.</summary>
    public const double LimitSeconds = 6 * 3600;

    /// <summary>Runs estimated longer than this (1 minute) get a warning.</summary>
    public const double WarnSeconds = 60;

    /// <summary>Estimated seconds of the flow part, of the Adam part, and in all (with about a second to start and to build the superset optima).</summary>
    public static (double Flow, double Adam, double Total) Seconds(TheorySettings t)
    {
        double n = t.Ambient, m = t.Latent;
        double snapshot = 4 * n * n * n + 4 * n * n * m + 10 * n * m * Math.Min(n, m);
        double flowStep = 6 * n * n * n + 6 * n * n * m + 2 * n * m * m;
        double adamStep = 900 * n * m;
        double flow = 2 * ((double)t.FlowSteps * flowStep + Snapshots(t.FlowSteps) * snapshot) / Rate + 2 * t.FlowSteps * 2e-6;
        double adam = t.AdamSteps > 0 ? 2 * ((double)t.AdamSteps * adamStep + Snapshots(t.AdamSteps) * snapshot) / Rate + 2 * t.AdamSteps * 2e-6 : 0;
        double fixedPart = 1 + (3 * n * m * 10_000 + 99 * 3 * n * n * n) / Rate;
        return (flow, adam, flow + adam + fixedPart);
    }

    /// <summary>Throws, naming the setting that costs most, its value, the estimate and the limit, when the run would take over <see cref="LimitSeconds"/>.</summary>
    public static void Check(TheorySettings t)
    {
        var (flow, adam, total) = Seconds(t);
        if (total <= LimitSeconds) return;
        string setting = flow >= adam ? $"--flow-steps {t.FlowSteps}" : $"--adam-steps {t.AdamSteps}";
        throw new ConfigException($"{setting} with --ambient {t.Ambient} and --latent {t.Latent} would take about {Duration(total)} (estimated at {Rate:G2} multiply-adds/s); " +
            $"the limit is {Duration(LimitSeconds)}: use fewer {setting.Split(' ')[0]} or a smaller --ambient/--latent.");
    }

    /// <summary>A one-line note (stderr lines that are not errors start with "note: ") when the run is estimated to take over <see cref="WarnSeconds"/>; null otherwise.</summary>
    public static string? Warning(TheorySettings t)
    {
        var (_, _, total) = Seconds(t);
        return total > WarnSeconds
            ? $"note: this theory run (--ambient {t.Ambient}, --latent {t.Latent}, --flow-steps {t.FlowSteps}, --adam-steps {t.AdamSteps}) will take about {Duration(total)}."
            : null;
    }

    /// <summary>"45 s", "12 min", "3.5 h", "2.1 days" (<see cref="DurationText.Of"/>).</summary>
    public static string Duration(double seconds) => DurationText.Of(seconds);

    private static double Snapshots(long steps) => Math.Min(steps + 1, 202);
}

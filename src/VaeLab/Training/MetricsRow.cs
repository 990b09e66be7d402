namespace VaeLab.Training;

/// <summary>
/// One metrics.csv row: means of the loss terms over the steps since the previous row. Wall-clock seconds
/// go to timing.csv instead, so that metrics.csv is byte-identical for the same seeds.
/// </summary>
public readonly record struct MetricsRow(long Step, double Loss, double Kl, double Nll, double DecoderLogVariance, int ActiveLatents, double WallSeconds)
{
    /// <summary>The header line of metrics.csv.</summary>
    public const string Header = "step,loss,kl,nll,decoderLogVariance,activeLatents";
    /// <summary>The header line of timing.csv.</summary>
    public const string TimingHeader = "step,wallSeconds";

    /// <summary>The row as a metrics.csv line, round-trip precision.</summary>
    public string ToCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Step},{Loss:R},{Kl:R},{Nll:R},{DecoderLogVariance:R},{ActiveLatents}");

    /// <summary>The row as a timing.csv line.</summary>
    public string ToTimingCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Step},{WallSeconds:F3}");
}

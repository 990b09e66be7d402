namespace VaeLab.Training;

/// <summary>
/// One metrics.csv row: means of the loss terms over the steps since the previous row. Wall-clock seconds
/// go to timing.csv instead, so that metrics.csv is byte-identical for the same seeds.
/// </summary>
public readonly record struct MetricsRow(long Step, double Loss, double Kl, double Nll, double DecoderLogVariance, int ActiveLatents, double WallSeconds)
{
    public const string Header = "step,loss,kl,nll,decoderLogVariance,activeLatents";
    public const string TimingHeader = "step,wallSeconds";

    public string ToCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Step},{Loss:R},{Kl:R},{Nll:R},{DecoderLogVariance:R},{ActiveLatents}");

    public string ToTimingCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Step},{WallSeconds:F3}");
}

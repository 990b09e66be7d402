namespace VaeLab.Training;

/// <summary>One metrics.csv row: means of the loss terms over the steps since the previous row.</summary>
public readonly record struct MetricsRow(long Step, double Loss, double Kl, double Nll, double DecoderLogVariance, int ActiveLatents, double WallSeconds)
{
    public const string Header = "step,loss,kl,nll,decoderLogVariance,activeLatents,wallSeconds";

    public string ToCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Step},{Loss:R},{Kl:R},{Nll:R},{DecoderLogVariance:R},{ActiveLatents},{WallSeconds:F3}");
}

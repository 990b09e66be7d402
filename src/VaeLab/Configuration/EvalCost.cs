using VaeLab.Core;
using VaeLab.Models;

namespace VaeLab.Configuration;

/// <summary>
/// How long the final loss estimate of a run (--eval-samples fresh samples through the model) will take, from the config
/// alone: each sample costs one forward pass, about one multiply-add per weight of the encoder and the decoder. At
/// <see cref="Rate"/> (a third of what one run reached with 500-wide layers on a shared 2-core machine, so the estimate
/// errs long), estimates over <see cref="LimitSeconds"/> are refused and over <see cref="WarnSeconds"/> announced.
/// </summary>
public static class EvalCost
{
    /// <summary>Multiply-adds a second the estimate assumes.</summary>
    public const double Rate = 5e9;

    /// <summary>Estimates longer than this (6 hours) are refused.</summary>
    public const double LimitSeconds = 6 * 3600;

    /// <summary>Estimates longer than this (1 minute) get a warning.</summary>
    public const double WarnSeconds = 60;

    /// <summary>Multiply-adds of one forward pass of the stage-1 model of <paramref name="config"/>.</summary>
    public static double ForwardMultiplyAdds(RunConfig config)
    {
        int n = config.AmbientDim, m = config.Latent;
        double decoder = config.Decoder == DecoderKind.SigmoidAffine ? 2.0 * m * n : Weights(m, config.DecoderHidden, n);
        // The encoder outputs the means, and the log-variances too when they are amortized.
        return Weights(n, config.EncoderHidden, config.EncoderVariance == EncoderVarianceKind.Amortized ? 2.0 * m : m) + decoder;
    }

    /// <summary>Estimated seconds of the final loss estimate.</summary>
    public static double Seconds(RunConfig config) => (double)config.EvalSamples * ForwardMultiplyAdds(config) / Rate;

    /// <summary>Throws with the estimate and the limit when the final loss estimate would take over <see cref="LimitSeconds"/>.</summary>
    public static void Check(RunConfig config)
    {
        double seconds = Seconds(config);
        if (seconds > LimitSeconds)
            throw new ConfigException($"--eval-samples {config.EvalSamples} through this model ({ForwardMultiplyAdds(config):G3} multiply-adds a sample) would take about " +
                $"{DurationText.Of(seconds)}; the limit is {DurationText.Of(LimitSeconds)}: use fewer --eval-samples (the default is {new RunConfig().EvalSamples}).");
    }

    /// <summary>A one-line note (stderr lines that are not errors start with "note: ") when the final loss estimate will take over <see cref="WarnSeconds"/>; null otherwise.</summary>
    public static string? Warning(RunConfig config)
    {
        double seconds = Seconds(config);
        return seconds > WarnSeconds ? $"note: the final loss estimate (--eval-samples {config.EvalSamples}) will take about {DurationText.Of(seconds)}." : null;
    }

    private static double Weights(int input, int[] hidden, double output)
    {
        double count = 0, previous = input;
        foreach (int h in hidden)
        {
            count += previous * h;
            previous = h;
        }
        return count + previous * output;
    }
}

namespace VaeLab.Runs;

/// <summary>summary.json: the end state of a training run.</summary>
public sealed record RunSummary
{
    /// <summary>Population negative ELBO estimated on evalSamples fresh samples (nats per sample).</summary>
    public double FinalLoss { get; init; }
    /// <summary>Standard error of <see cref="FinalLoss"/>.</summary>
    public double FinalLossStandardError { get; init; }
    /// <summary>KL part of the final loss.</summary>
    public double FinalKl { get; init; }
    /// <summary>Negative log-likelihood part of the final loss.</summary>
    public double FinalNll { get; init; }
    /// <summary>eta = log sigma^2 at the end of training.</summary>
    public double DecoderLogVariance { get; init; }
    /// <summary>sigma^2 = exp(eta).</summary>
    public double DecoderVariance { get; init; }
    /// <summary>kappa, the starting eta.</summary>
    public double InitialDecoderLogVariance { get; init; }
    /// <summary>exp(l_j), sorted ascending (batch means for an amortized encoder).</summary>
    public double[] EncoderVariances { get; init; } = [];
    /// <summary>Number of encoder variances below <see cref="ActiveThreshold"/>.</summary>
    public int ActiveLatents { get; init; }
    /// <summary>An encoder variance below this counted as an active latent.</summary>
    public double ActiveThreshold { get; init; }
    /// <summary>Training steps taken.</summary>
    public long Steps { get; init; }
    /// <summary>Wall-clock seconds of training (not bit-reproducible, unlike the rest).</summary>
    public double WallSeconds { get; init; }
    /// <summary>Mean wall-clock microseconds per training step.</summary>
    public double MicrosecondsPerStep { get; init; }
    /// <summary>--data-file runs: rows used for training and held out, the held-out negative ELBO (NaN with none held out), and the standardisation.</summary>
    public DataFileSummary? DataFile { get; init; }
    /// <summary>The stage-2 VAE of a two-stage run, or null.</summary>
    public Stage2Summary? Stage2 { get; init; }
}

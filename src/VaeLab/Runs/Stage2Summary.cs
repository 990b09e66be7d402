namespace VaeLab.Runs;

/// <summary>End state of the stage-2 VAE (trained on stage-1 latent codes).</summary>
public sealed record Stage2Summary(double FinalLoss, double DecoderLogVariance, double[] EncoderVariances, int ActiveLatents, long Steps, double WallSeconds);

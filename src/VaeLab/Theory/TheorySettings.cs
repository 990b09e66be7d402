using VaeLab.Core;

namespace VaeLab.Theory;

/// <summary>Settings of `vaelab theory linear`.</summary>
/// <param name="Intrinsic">r = k, the columns of A.</param>
/// <param name="Ambient">n.</param>
/// <param name="Latent">m.</param>
/// <param name="DataDim">D, rows of A (0 means D = r); the rest of n is padding.</param>
/// <param name="FlowSteps">Euler steps of the gradient flow.</param>
/// <param name="FlowStepSize">h in the step h · min(1, σ²).</param>
/// <param name="AdamSteps">steps of the Monte Carlo trainer with Adam from the same starts.</param>
/// <param name="StartLogVariance">η at both starts.</param>
/// <param name="SupersetExtra">s, extra directions of the superset start.</param>
public sealed record TheorySettings(int Intrinsic = 3, int Ambient = 12, int Latent = 20, int DataDim = 0, ulong DataSeed = 2, ulong Seed = 0,
    bool NoiseInLoss = true, long FlowSteps = 20_000, double FlowStepSize = 1e-2, int AdamSteps = 20_000, double LearningRate = 1e-3,
    double StartLogVariance = -2, int SupersetExtra = 2)
{
    /// <summary>D, the rows of A (r when DataDim is 0).</summary>
    public int BlockDim => DataDim == 0 ? Intrinsic : DataDim;

    /// <summary>Throws a one-line <see cref="ConfigException"/> naming the first setting out of range, or sizes that would run longer than <see cref="TheoryCost.LimitSeconds"/>.</summary>
    public void Validate()
    {
        if (Intrinsic < 1) throw new ConfigException($"--intrinsic must be >= 1 (got {Intrinsic}).");
        if (DataDim < 0) throw new ConfigException($"--data-dim must be >= 0 (got {DataDim}).");
        if (BlockDim < Intrinsic) throw new ConfigException($"--data-dim must be >= --intrinsic {Intrinsic} (got {DataDim}).");
        if (Ambient < BlockDim + 3) throw new ConfigException($"--ambient must be >= D + 3 = {BlockDim + 3} so that 2 extra directions exist with room to spare (got {Ambient}).");
        if (Latent < Intrinsic + SupersetExtra) throw new ConfigException($"--latent must be >= r + {SupersetExtra} = {Intrinsic + SupersetExtra} (got {Latent}).");
        if (Ambient > 200 || Latent > 200) throw new ConfigException($"--ambient and --latent must be <= 200 for the closed-form theory (got {Ambient}, {Latent}).");
        if (FlowSteps < 1 || AdamSteps < 0) throw new ConfigException($"--flow-steps must be >= 1 and --adam-steps >= 0 (got {FlowSteps}, {AdamSteps}).");
        TheoryCost.Check(this);
    }
}

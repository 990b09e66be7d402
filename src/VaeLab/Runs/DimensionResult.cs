using VaeLab.Dimension;

namespace VaeLab.Runs;

/// <summary>
/// dimension.json: every estimator's global and per-point answers on the same points, scored against the truth when
/// the data come from a family (<see cref="Truth"/> and <see cref="Scores"/> empty for a data file).
/// </summary>
public sealed record DimensionResult
{
    /// <summary>The family name, or "file".</summary>
    public string Family { get; init; } = "";

    /// <summary>r, the family's (largest) intrinsic dimension; 0 for a data file.</summary>
    public int IntrinsicDim { get; init; }

    /// <summary>n, the ambient dimension.</summary>
    public int AmbientDim { get; init; }

    /// <summary>m, the VAE's latent dimension.</summary>
    public int LatentDim { get; init; }

    /// <summary>Variance of the isotropic noise on the data; its square root is the noise scale beside every estimate.</summary>
    public double NoiseVariance { get; init; }

    /// <summary>Whether the family was embedded by a random rotation.</summary>
    public bool Rotated { get; init; }

    /// <summary>The study's settings.</summary>
    public DimensionOptions Options { get; init; } = new();

    /// <summary>Encoder variance below which a latent is active.</summary>
    public double ActiveThreshold { get; init; }

    /// <summary>The run folder of the VAE.</summary>
    public string RunDir { get; init; } = "";

    /// <summary>Per-point true dimension; empty for a data file.</summary>
    public int[] Truth { get; init; } = [];

    /// <summary>The VAE's (vae-rank, vae-active) and the classical estimators' answers, in that order.</summary>
    public DimensionEstimate[] Estimates { get; init; } = [];

    /// <summary>Each estimator scored against <see cref="Truth"/>: all points, then per true dimension.</summary>
    public DimensionScore[] Scores { get; init; } = [];

    /// <summary>The singular values (descending) of the decoder Jacobian at μ(x) of every point.</summary>
    public double[][] Spectra { get; init; } = [];
}

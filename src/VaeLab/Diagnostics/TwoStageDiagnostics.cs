namespace VaeLab.Diagnostics;

/// <summary>Measurements of the two-stage sampler, comparable with the vanilla ones beside them.</summary>
public sealed record TwoStageDiagnostics
{
    /// <summary>sigma^2 = exp(eta) of the stage-2 decoder at the end of training.</summary>
    public double Stage2DecoderVariance { get; init; }
    /// <summary>Whether the stage-2 decoder noise was added when sampling u -> z.</summary>
    public bool SampleNoise { get; init; }
    /// <summary>Off-manifold error of the two-stage samples' decoder means.</summary>
    public OffManifoldError NoiseFree { get; init; } = new(0, 0, 0, 0);
    /// <summary>Off-manifold error of the two-stage samples with the stage-1 decoder noise added.</summary>
    public OffManifoldError WithNoise { get; init; } = new(0, 0, 0, 0);
    /// <summary>Linear: relative Frobenius error of the projected sample covariance against A Aᵀ (vanilla's sample value beside it).</summary>
    public double CovarianceRelativeError { get; init; } = double.NaN;
    /// <summary>Linear: the vanilla sampler's relative covariance error on the same number of samples, for comparison.</summary>
    public double VanillaSampleCovarianceRelativeError { get; init; } = double.NaN;
    /// <summary>Nonlinear families: MMD^2 between projected two-stage samples and fresh data (NaN for linear).</summary>
    public double Mmd2 { get; init; } = double.NaN;
    /// <summary>The Gaussian-kernel bandwidth of <see cref="Mmd2"/>: the median pairwise distance of this comparison's pooled points.</summary>
    public double MmdBandwidth { get; init; } = double.NaN;
    /// <summary>Sigmoid family: Kolmogorov-Smirnov statistic of ⟨a*, z⟩/‖a*‖ of the samples against N(0, 1) (NaN otherwise).</summary>
    public double KsStatistic { get; init; } = double.NaN;

    /// <summary>The other sampler beside the configured one: mean-only when SampleNoise, Dai &amp; Wipf's noise in z otherwise.</summary>
    public OffManifoldError OtherSamplerNoiseFree { get; init; } = new(0, 0, 0, 0);
    /// <summary><see cref="Mmd2"/> of the other sampler.</summary>
    public double OtherSamplerMmd2 { get; init; } = double.NaN;
    /// <summary><see cref="CovarianceRelativeError"/> of the other sampler.</summary>
    public double OtherSamplerCovarianceRelativeError { get; init; } = double.NaN;
}

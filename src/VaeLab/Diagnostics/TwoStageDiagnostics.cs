namespace VaeLab.Diagnostics;

/// <summary>Measurements of the two-stage sampler, comparable with the vanilla ones beside them.</summary>
public sealed record TwoStageDiagnostics
{
    public double Stage2DecoderVariance { get; init; }
    public bool SampleNoise { get; init; }
    public OffManifoldError NoiseFree { get; init; } = new(0, 0, 0, 0);
    public OffManifoldError WithNoise { get; init; } = new(0, 0, 0, 0);
    /// <summary>Linear: relative Frobenius error of the projected sample covariance against A Aᵀ (vanilla's sample value beside it).</summary>
    public double CovarianceRelativeError { get; init; } = double.NaN;
    public double VanillaSampleCovarianceRelativeError { get; init; } = double.NaN;
    public double Mmd2 { get; init; } = double.NaN;
    /// <summary>The Gaussian-kernel bandwidth of <see cref="Mmd2"/>: the median pairwise distance of this comparison's pooled points.</summary>
    public double MmdBandwidth { get; init; } = double.NaN;
    public double KsStatistic { get; init; } = double.NaN;

    /// <summary>The other sampler beside the configured one: mean-only when SampleNoise, Dai &amp; Wipf's noise in z otherwise.</summary>
    public OffManifoldError OtherSamplerNoiseFree { get; init; } = new(0, 0, 0, 0);
    public double OtherSamplerMmd2 { get; init; } = double.NaN;
    public double OtherSamplerCovarianceRelativeError { get; init; } = double.NaN;
}

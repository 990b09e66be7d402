namespace VaeLab.Models;

/// <summary>Everything that fixes a VAE's shape and parametrisation.</summary>
/// <param name="InputDim">n, the ambient dimension.</param>
/// <param name="LatentDim">m, the latent dimension.</param>
/// <param name="EncoderHidden">hidden sizes of the encoder mean MLP; empty for affine.</param>
/// <param name="Decoder">decoder-mean family.</param>
/// <param name="DecoderHidden">hidden sizes of an MLP decoder; empty for affine.</param>
/// <param name="EncoderVariance">global or amortized encoder variance.</param>
/// <param name="DecoderVariance">scaled, direct or fixed decoder log-variance.</param>
/// <param name="InitialLogVariance">kappa: the initial decoder log-variance eta.</param>
/// <param name="NoiseInLoss">adds sigma xi2 inside the squared error, as the authors did.</param>
public sealed record VaeArchitecture(
    int InputDim,
    int LatentDim,
    int[] EncoderHidden,
    DecoderKind Decoder,
    int[] DecoderHidden,
    EncoderVarianceKind EncoderVariance,
    DecoderVarianceKind DecoderVariance,
    float InitialLogVariance,
    bool NoiseInLoss);

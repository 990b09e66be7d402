namespace VaeLab.Models;

/// <summary>How the decoder log-variance eta = log sigma^2 is parametrised.</summary>
public enum DecoderVarianceKind
{
    /// <summary>eta = kappa * theta with theta trained, initialised to 1 (the authors' code; the paper default).</summary>
    Scaled,
    /// <summary>eta trained directly, initialised to kappa.</summary>
    Direct,
    /// <summary>eta = kappa, not trained.</summary>
    Fixed,
}

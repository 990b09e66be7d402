namespace VaeLab.Models;

/// <summary>How the encoder variance diag(exp(l)) is parametrised.</summary>
public enum EncoderVarianceKind
{
    /// <summary>One learned vector l in R^m shared by all inputs (the paper's setting), initialised to 1.</summary>
    Global,
    /// <summary>A second encoder head outputs l(x) (Dai and Wipf's setting).</summary>
    Amortized,
}

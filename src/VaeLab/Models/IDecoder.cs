namespace VaeLab.Models;

/// <summary>The decoder mean f: R^m -> R^n with a hand-written backward pass.</summary>
public interface IDecoder
{
    /// <summary>m, the latent dimension.</summary>
    int LatentDim { get; }
    /// <summary>n, the output dimension.</summary>
    int OutputDim { get; }

    /// <summary>f(s) of the last Forward, (batch, n) row-major.</summary>
    float[] Output { get; }

    /// <summary>Computes Output = f(s) for s (batch, m). Keeps s for Backward.</summary>
    void Forward(float[] s, int batch);

    /// <summary>Accumulates parameter gradients for dOut (batch, n); overwrites dS (batch, m) with dL/ds.</summary>
    void Backward(ReadOnlySpan<float> dOut, Span<float> dS, int batch);
}

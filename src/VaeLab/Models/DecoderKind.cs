namespace VaeLab.Models;

/// <summary>The decoder-mean family.</summary>
public enum DecoderKind
{
    /// <summary>ReLU MLP; affine with no hidden layers.</summary>
    Mlp,
    /// <summary>sigmoid(W1 s + b1) + W2 s + b2.</summary>
    SigmoidAffine,
}

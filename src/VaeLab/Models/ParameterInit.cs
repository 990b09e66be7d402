namespace VaeLab.Models;

/// <summary>How a parameter tensor is initialised.</summary>
public enum ParameterInit
{
    /// <summary>Truncated LeCun normal: N(0, 1/fanIn) / 0.87962566, truncated at 2 std.</summary>
    LeCunTruncated,
    /// <summary>All zeros (biases).</summary>
    Zero,
    /// <summary>A constant value.</summary>
    Constant,
}

namespace VaeLab.Data;

/// <summary>Uniform variates from the families' normal stream: u = Φ(g) is U(0, 1) when g ~ N(0, 1).</summary>
internal static class UniformFromNormal
{
    /// <summary>Φ(g), the standard normal CDF, in double; within [0, 1].</summary>
    public static double Cdf(float g) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-g / Math.Sqrt(2));
}

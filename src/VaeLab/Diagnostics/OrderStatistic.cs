using MathNet.Numerics.Statistics;

namespace VaeLab.Diagnostics;

/// <summary>The k-th smallest of a set of numbers without sorting it all (MathNet's quickselect, expected linear time).</summary>
public static class OrderStatistic
{
    /// <summary>
    /// The value a full ascending sort would put at index <paramref name="k"/> of <paramref name="values"/>, which is reordered
    /// in place. With a NaN among them it sorts (NaN first, as a sort does), so the answer is always the sorted one (MathNet's
    /// selection gives NaN or an arbitrary value there).
    /// </summary>
    public static double Select(double[] values, int k)
    {
        if ((uint)k >= (uint)values.Length) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside [0, {values.Length}).");
        if (Array.IndexOf(values, double.NaN) < 0) return ArrayStatistics.OrderStatisticInplace(values, k + 1);
        Array.Sort(values);
        return values[k];
    }
}

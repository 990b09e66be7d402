namespace VaeLab.Diagnostics;

/// <summary>The k-th smallest of a set of numbers without sorting it all (Hoare's selection, expected linear time).</summary>
public static class OrderStatistic
{
    /// <summary>
    /// The value a full ascending sort would put at index <paramref name="k"/> of <paramref name="values"/>, which is reordered
    /// in place. With a NaN among them it sorts (NaN first, as a sort does), so the answer is always
    /// the sorted one.
    /// </summary>
    public static double Select(Span<double> values, int k)
    {
        if ((uint)k >= (uint)values.Length) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside [0, {values.Length}).");
        if (HasNaN(values))
        {
            values.Sort();
            return values[k];
        }
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            double pivot = MedianOfThree(values[lo], values[lo + (hi - lo) / 2], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            // Now values[lo..j] <= pivot <= values[i..hi], and every value strictly between j and i equals the pivot.
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        return values[k];
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (double.IsNaN(v)) return true;
        return false;
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}

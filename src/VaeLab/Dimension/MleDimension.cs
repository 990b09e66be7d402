namespace VaeLab.Dimension;

/// <summary>
/// Levina &amp; Bickel (2004) maximum-likelihood dimension with k neighbours. With T_1 ≤ ... ≤ T_k the
/// distances from x to its neighbours, the local estimate is m_k(x) = [ (1/(k-1)) Σ_{j&lt;k} log(T_k / T_j) ]^{-1}.
/// The global estimate averages the inverses (MacKay &amp; Ghahramani 2005): m = [ (1/N) Σ_i m_k(x_i)^{-1} ]^{-1},
/// which, unlike the mean of the m_k, is consistent: each inverse is an unbiased estimate of 1/d for a locally
/// uniform density.
/// </summary>
public static class MleDimension
{
    /// <summary>Per-point m_k and the MacKay-Ghahramani global from a graph of at least 2 neighbours per point.</summary>
    public static DimensionEstimate Estimate(NeighbourGraph graph)
    {
        int k = graph.K;
        if (k < 2) throw new ArgumentException($"MLE needs k >= 2 neighbours (got {k}).");
        var perPoint = new double[graph.Rows];
        double sumInverse = 0;
        int used = 0;
        for (int i = 0; i < graph.Rows; i++)
        {
            double inverse = InverseDimension(graph.DistancesOf(i));
            perPoint[i] = inverse > 0 ? 1 / inverse : double.NaN;
            if (inverse > 0)
            {
                sumInverse += inverse;
                used++;
            }
        }
        return new DimensionEstimate("mle", used == 0 ? double.NaN : used / sumInverse, perPoint);
    }

    /// <summary>(1/(k-1)) Σ_{j&lt;k} log(T_k/T_j) for ascending distances T; NaN when a distance is 0 (duplicates).</summary>
    public static double InverseDimension(ReadOnlySpan<double> distances)
    {
        int k = distances.Length;
        if (distances[0] <= 0) return double.NaN;
        double logTk = Math.Log(distances[k - 1]), sum = 0;
        for (int j = 0; j < k - 1; j++) sum += logTk - Math.Log(distances[j]);
        return sum / (k - 1);
    }
}

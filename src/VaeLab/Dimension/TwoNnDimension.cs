namespace VaeLab.Dimension;

/// <summary>
/// TwoNN (Facco, d'Errico, Rodriguez &amp; Laio 2017). With μ_i = T_2(x_i) / T_1(x_i) the ratio of the distances to
/// the second and first neighbours, μ is Pareto(1, d) for a locally uniform density, and the maximum-likelihood
/// dimension is N / Σ_i log μ_i. Per point, the same likelihood pooled over the point and its k neighbours:
/// (k + 1) / Σ_{j ∈ {i} ∪ N_k(i)} log μ_j. Points with T_1 = 0 (duplicates) are skipped.
/// </summary>
public static class TwoNnDimension
{
    /// <summary>The global estimate and the pooled per-point estimates from a graph of at least 2 neighbours.</summary>
    public static DimensionEstimate Estimate(NeighbourGraph graph)
    {
        if (graph.K < 2) throw new ArgumentException($"TwoNN needs k >= 2 neighbours (got {graph.K}).");
        var logMu = LogRatios(graph);
        double sum = 0;
        int used = 0;
        foreach (double v in logMu)
            if (!double.IsNaN(v)) { sum += v; used++; }
        var perPoint = new double[graph.Rows];
        for (int i = 0; i < graph.Rows; i++)
        {
            double local = logMu[i];
            int count = double.IsNaN(local) ? 0 : 1;
            if (count == 0) local = 0;
            foreach (int j in graph.NeighboursOf(i))
                if (!double.IsNaN(logMu[j])) { local += logMu[j]; count++; }
            perPoint[i] = count > 0 && local > 0 ? count / local : double.NaN;
        }
        return new DimensionEstimate("twonn", used > 0 && sum > 0 ? used / sum : double.NaN, perPoint);
    }

    /// <summary>log(T_2 / T_1) per point; NaN where T_1 = 0.</summary>
    public static double[] LogRatios(NeighbourGraph graph)
    {
        var logMu = new double[graph.Rows];
        for (int i = 0; i < graph.Rows; i++)
        {
            var t = graph.DistancesOf(i);
            logMu[i] = t[0] > 0 ? Math.Log(t[1] / t[0]) : double.NaN;
        }
        return logMu;
    }
}

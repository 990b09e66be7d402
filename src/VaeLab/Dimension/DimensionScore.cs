namespace VaeLab.Dimension;

/// <summary>
/// One estimator scored against per-point truth, over all points (<see cref="TrueDimension"/> null) or over the points
/// of one true dimension. Undefined per-point estimates (NaN) are left out of the means and count as not exact.
/// </summary>
/// <param name="Estimator">The estimator's name.</param>
/// <param name="TrueDimension">The true dimension of the points scored, or null for all points.</param>
/// <param name="Points">Points scored.</param>
/// <param name="Global">The estimator's global estimate (the same in every row of an estimator).</param>
/// <param name="MeanEstimate">Mean of the per-point estimates.</param>
/// <param name="MeanAbsoluteError">mean |estimate - truth| over points.</param>
/// <param name="RelativeBias">(mean estimate - mean truth) / mean truth.</param>
/// <param name="ExactFraction">Fraction of points whose estimate rounds to the truth.</param>
public sealed record DimensionScore(string Estimator, int? TrueDimension, int Points, double Global, double MeanEstimate,
    double MeanAbsoluteError, double RelativeBias, double ExactFraction)
{
    /// <summary>The all-points row, then one row per true dimension when the truth has more than one value.</summary>
    public static DimensionScore[] Score(DimensionEstimate estimate, IReadOnlyList<int> truth)
    {
        if (estimate.PerPoint.Length != truth.Count)
            throw new ArgumentException($"{estimate.Estimator}: {estimate.PerPoint.Length} estimates for {truth.Count} true dimensions.");
        var rows = new List<DimensionScore> { Row(estimate, truth, null) };
        var distinct = truth.Distinct().Order().ToArray();
        if (distinct.Length > 1)
            foreach (int d in distinct) rows.Add(Row(estimate, truth, d));
        return rows.ToArray();
    }

    private static DimensionScore Row(DimensionEstimate estimate, IReadOnlyList<int> truth, int? only)
    {
        double sumEstimate = 0, sumTruth = 0, sumAbs = 0;
        int points = 0, defined = 0, exact = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            if (only is { } d && truth[i] != d) continue;
            points++;
            double e = estimate.PerPoint[i];
            if (double.IsNaN(e)) continue;
            defined++;
            sumEstimate += e;
            sumTruth += truth[i];
            sumAbs += Math.Abs(e - truth[i]);
            if (Math.Round(e, MidpointRounding.AwayFromZero) == truth[i]) exact++;
        }
        return new DimensionScore(estimate.Estimator, only, points, estimate.Global,
            defined > 0 ? sumEstimate / defined : double.NaN,
            defined > 0 ? sumAbs / defined : double.NaN,
            sumTruth > 0 ? (sumEstimate - sumTruth) / sumTruth : double.NaN,
            points > 0 ? (double)exact / points : double.NaN);
    }
}

namespace VaeLab.Dimension;

/// <summary>Runs every classical estimator on one point set with one shared kNN graph.</summary>
public static class ClassicalEstimators
{
    /// <summary>The default neighbourhood size k.</summary>
    public const int DefaultK = 20;

    /// <summary>The estimator names, in the order <see cref="All"/> returns them.</summary>
    public static readonly string[] Names = ["mle", "twonn", "lpca", "ess"];

    /// <summary>MLE, TwoNN, local PCA and ESS on x (rows, cols), each with k neighbours.</summary>
    public static DimensionEstimate[] All(ReadOnlySpan<float> x, int rows, int cols, int k = DefaultK, double pcaFraction = LocalPcaDimension.DefaultFraction)
    {
        var graph = KnnSearch.Search(x, rows, cols, k);
        return
        [
            MleDimension.Estimate(graph),
            TwoNnDimension.Estimate(graph),
            LocalPcaDimension.Estimate(x, cols, graph, pcaFraction),
            EssDimension.Estimate(x, cols, graph),
        ];
    }
}

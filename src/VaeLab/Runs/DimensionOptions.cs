using VaeLab.Core;

namespace VaeLab.Runs;

/// <summary>Settings of a dimension study (`vaelab dimension`); each is reported beside its result.</summary>
/// <param name="Points">true points every estimator and the VAE are measured on (default 2,000).</param>
/// <param name="K">neighbours of the kNN estimators (default 20).</param>
/// <param name="PcaFraction">fraction of local variance that local PCA's components must explain (default 0.95).</param>
/// <param name="RankThreshold">a Jacobian singular value counts toward the local rank above this x the largest (default 1e-2).</param>
/// <param name="Seed">seed of the evaluation points' stream "dimension" (default 1234).</param>
public sealed record DimensionOptions(int Points = 2000, int K = 20, double PcaFraction = 0.95, double RankThreshold = 1e-2, ulong Seed = 1234)
{
    /// <summary>Throws <see cref="ConfigException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Points < 50 || Points > Dimension.KnnSearch.MaxRows)
            throw new ConfigException($"--points must be within [50, {Dimension.KnnSearch.MaxRows}] (got {Points}).");
        if (K < 3 || K >= Points) throw new ConfigException($"--k must be within [3, {Points - 1}] for --points {Points} (got {K}).");
        if (!(PcaFraction > 0 && PcaFraction <= 1)) throw new ConfigException($"--pca-fraction must be within (0, 1] (got {PcaFraction}).");
        if (!(RankThreshold > 0 && RankThreshold < 1)) throw new ConfigException($"--rank-threshold must be within (0, 1) (got {RankThreshold}).");
    }
}

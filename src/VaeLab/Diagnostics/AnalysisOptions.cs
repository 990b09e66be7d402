namespace VaeLab.Diagnostics;

/// <summary>Sample sizes and thresholds of the diagnostics; each is reported beside its result.</summary>
/// <param name="Samples">generated and true samples for errors and moments (default 10,000).</param>
/// <param name="JacobianPoints">latent points for local ranks of a nonlinear decoder (default 1,000).</param>
/// <param name="MmdSamples">points per side of each MMD^2 (default 2,000; the statistic is quadratic in it).</param>
/// <param name="MmdReferencePairs">pairs of independent true samples for the MMD^2 reference band (default 20).</param>
/// <param name="RankThreshold">a singular value counts toward the rank above this x the largest (default 1e-2).</param>
/// <param name="Seed">seed of the analysis streams.</param>
public sealed record AnalysisOptions(int Samples = 10_000, int JacobianPoints = 1000, int MmdSamples = 2000, int MmdReferencePairs = 20,
    double RankThreshold = 1e-2, ulong Seed = 1234);

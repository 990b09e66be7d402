namespace VaeLab.Dimension;

/// <summary>One estimator's answer on a point set: a global dimension and one estimate per point (NaN where undefined).</summary>
/// <param name="Estimator">Short name: "mle", "twonn", "lpca", "ess", "vae-rank", ...</param>
/// <param name="Global">The global estimate, in the estimator's own aggregation (see each estimator).</param>
/// <param name="PerPoint">One estimate per point, in the order of the points.</param>
public sealed record DimensionEstimate(string Estimator, double Global, double[] PerPoint);

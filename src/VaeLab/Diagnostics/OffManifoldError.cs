namespace VaeLab.Diagnostics;

/// <summary>Mean squared distance of samples to the true manifold, split as in SCIENCE.md section 5.</summary>
public sealed record OffManifoldError(double Padding, double InBlock, double Total, double RelativeToSignal)
{
    /// <summary>Standard error of <see cref="RelativeToSignal"/> over the sample points (NaN when not measured).</summary>
    public double RelativeStandardError { get; init; } = double.NaN;
}

using System.Globalization;

namespace VaeLab.Diagnostics;

/// <summary>
/// One row of trajectory.csv: cheap diagnostics of the stage-1 model at a checkpoint (SCIENCE.md section 9, "Time").
/// Relative errors are divided by E‖x‖² in closed form; NaN where a measurement does not apply.
/// </summary>
/// <param name="Step">training step.</param>
/// <param name="DecoderVariance">σ² = exp(η).</param>
/// <param name="ActiveLatents">encoder variances below the active threshold.</param>
/// <param name="Rank">affine decoder: rank of W; nonlinear: median local rank at 200 prior samples.</param>
/// <param name="Excess">off-manifold error of 1,000 generated points / E‖x‖², noise-free.</param>
/// <param name="Containment">E‖x − f(μ(x))‖² / E‖x‖² on 1,000 true points.</param>
/// <param name="CovarianceError">linear family, affine decoder: ‖P W Wᵀ P − A Aᵀ‖_F / ‖A Aᵀ‖_F.</param>
public sealed record TrajectoryRow(long Step, double DecoderVariance, int ActiveLatents, int Rank, double Excess, double Containment, double CovarianceError)
{
    /// <summary>The header line of trajectory.csv.</summary>
    public const string Header = "step,decoderVariance,activeLatents,rank,excess,containment,covarianceError";

    /// <summary>The row as a trajectory.csv line, round-trip precision.</summary>
    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Step},{DecoderVariance:R},{ActiveLatents},{Rank},{Excess:R},{Containment:R},{CovarianceError:R}");

    /// <summary>Parses a line written by <see cref="ToCsv"/>.</summary>
    public static TrajectoryRow Parse(string line)
    {
        var c = line.Split(',');
        double D(int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
        return new TrajectoryRow(long.Parse(c[0], CultureInfo.InvariantCulture), D(1), int.Parse(c[2], CultureInfo.InvariantCulture),
            int.Parse(c[3], CultureInfo.InvariantCulture), D(4), D(5), D(6));
    }

    /// <summary>The rows of a trajectory.csv, or none when the file is missing.</summary>
    public static IReadOnlyList<TrajectoryRow> ReadAll(string path) =>
        File.Exists(path) ? File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Parse).ToArray() : [];
}

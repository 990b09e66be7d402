using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Theory;

/// <summary>
/// C3 in closed form: gradient flow on the exact linear population loss (<see cref="LinearVaeLoss"/>, σ² trainable) from a small
/// random start, recording the covariance error of the generated distribution N(c, W Wᵀ) against the data's N(0, S). Whether
/// the density is recovered is then a property of the loss landscape, not of a finite Adam run.
/// </summary>
public static class DensityFlow
{
    /// <summary>Runs <paramref name="steps"/> Euler steps of size h · min(1, σ²) from <paramref name="start"/>, recording every <paramref name="recordEvery"/>.</summary>
    public static IReadOnlyList<DensityFlowPoint> Run(LinearVaeLoss loss, Matrix<double> covariance, LinearVaeParameters start, long steps, double stepSize, int recordEvery)
    {
        if (recordEvery < 1) throw new ArgumentOutOfRangeException(nameof(recordEvery), $"recordEvery must be >= 1 (got {recordEvery}).");
        var points = new List<DensityFlowPoint>();
        var p = start;
        double time = 0;
        for (long t = 0; t <= steps; t++)
        {
            if (t % recordEvery == 0 || t == steps) points.Add(new(t, time, p.Eta, CovarianceError(p.W, covariance), loss.Loss(p)));
            if (t == steps) break;
            double h = stepSize * Math.Min(1.0, Math.Exp(p.Eta));
            p = p.Plus(loss.Gradient(p), -h);
            time += h;
        }
        return points;
    }

    /// <summary>‖W Wᵀ − S‖_F / ‖S‖_F for a decoder W (n x m) and the data covariance S (n x n).</summary>
    public static double CovarianceError(Matrix<double> w, Matrix<double> covariance) =>
        (w * w.Transpose() - covariance).FrobeniusNorm() / covariance.FrobeniusNorm();

    /// <summary>
    /// True when the last <paramref name="fraction"/> of the recorded points still lowers the error by more than
    /// <paramref name="relativeDrop"/> of its value there: the measurement was still moving at the end.
    /// </summary>
    public static bool StillFalling(IReadOnlyList<double> values, double fraction = 0.2, double relativeDrop = 0.01)
    {
        if (values.Count < 2) return false;
        int from = Math.Clamp((int)Math.Floor((values.Count - 1) * (1 - fraction)), 0, values.Count - 2);
        double start = values[from], end = values[^1];
        return start - end > relativeDrop * Math.Abs(start);
    }
}

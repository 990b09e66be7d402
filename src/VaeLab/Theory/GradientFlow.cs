using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Theory;

/// <summary>
/// Gradient flow on the exact population loss, integrated by explicit Euler steps with σ trainable. The
/// gradient scales as 1/σ² as σ shrinks, so the step is h · min(1, σ²): a change of time variable that keeps
/// the flow's path and keeps the integration stable.
/// </summary>
public static class GradientFlow
{
    /// <summary>The flow from <paramref name="start"/>; <paramref name="observe"/> also sees the parameters at every recorded step.</summary>
    public static IReadOnlyList<FlowSnapshot> Run(LinearVaeLoss loss, LinearVaeParameters start, Matrix<double> projector,
        long steps, double stepSize, int recordEvery, Action<long, LinearVaeParameters>? observe = null)
    {
        var snapshots = new List<FlowSnapshot>();
        var p = start;
        for (long t = 0; t <= steps; t++)
        {
            if (t % recordEvery == 0 || t == steps)
            {
                snapshots.Add(Snapshot(t, p, loss, projector));
                observe?.Invoke(t, p);
            }
            if (t == steps) break;
            var g = loss.Gradient(p);
            p = p.Plus(g, -stepSize * Math.Min(1.0, Math.Exp(p.Eta)));
        }
        return snapshots;
    }

    /// <summary>A small random start: B and W entries N(0, scale²), b = c = 0, l = 0, η = <paramref name="eta"/>.</summary>
    public static LinearVaeParameters RandomStart(int ambient, int latent, double eta, double scale, VaeLab.Random.Xoshiro256StarStar rng) => new(
        Matrix<double>.Build.Dense(latent, ambient, (_, _) => scale * rng.NextNormal()),
        Vector<double>.Build.Dense(latent),
        Matrix<double>.Build.Dense(ambient, latent, (_, _) => scale * rng.NextNormal()),
        Vector<double>.Build.Dense(ambient),
        Vector<double>.Build.Dense(latent),
        eta);

    /// <summary>The state at one step: decoder singular values, off-subspace norm ‖(I-P)W‖, η and the loss.</summary>
    public static FlowSnapshot Snapshot(long step, LinearVaeParameters p, LinearVaeLoss loss, Matrix<double> projector) =>
        new(step, p.W.Svd(computeVectors: false).S.ToArray(), Math.Sqrt(SupersetConstruction.OffSubspaceEnergy(p.W, projector)), p.Eta, loss.Loss(p));
}

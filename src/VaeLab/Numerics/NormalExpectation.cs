namespace VaeLab.Numerics;

/// <summary>Deterministic expectations over a standard normal variable by 1-D quadrature.</summary>
public static class NormalExpectation
{
    // Composite Simpson on [-Cutoff, Cutoff]: the density outside is below 1e-31, and with 4,000 panels the rule's error for
    // smooth bounded integrands is far under double rounding of the sum.
    private const double Cutoff = 12.0;
    private const int Panels = 4000;

    /// <summary>
    /// E[g(Z)] for Z ~ N(0, 1): ∫ g(z) φ(z) dz over [-12, 12] by composite Simpson with 4,000 panels.
    /// Exact to ~1e-12 for bounded smooth g (the tails beyond 12 carry less than 1e-31 of the mass).
    /// </summary>
    public static double Of(Func<double, double> g)
    {
        double h = 2 * Cutoff / Panels, sum = 0;
        for (int i = 0; i <= Panels; i++)
        {
            double z = -Cutoff + i * h;
            double weight = i == 0 || i == Panels ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * g(z) * Math.Exp(-0.5 * z * z);
        }
        return sum * h / 3 / Math.Sqrt(2 * Math.PI);
    }
}

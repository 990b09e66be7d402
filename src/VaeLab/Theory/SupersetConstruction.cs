using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Theory;

/// <summary>
/// The superset construction of SCIENCE.md section 8(c): r latents reconstruct range(S) with the optimal
/// w_i = u_i sqrt(λ_i - σ²) and B = (σ² I + WᵀW)^{-1} Wᵀ P_S; s extra latents have B_j = 0 and decoder
/// columns of norm <c>extraNorm</c> pointing off the subspace; every encoder variance is optimal.
/// Along σ → 0 the loss falls with slope -(n - r - s)/2 per unit log(1/σ²).
/// </summary>
public static class SupersetConstruction
{
    /// <summary>Eigen-decomposition of S: eigenvalues descending and the matching eigenvectors (columns).</summary>
    public static (double[] Values, Matrix<double> Vectors) Eigen(Matrix<double> s)
    {
        var evd = ((s + s.Transpose()) / 2).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, s.RowCount).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = Matrix<double>.Build.Dense(s.RowCount, s.RowCount, (r, c) => evd.EigenVectors[r, order[c]]);
        return (values, vectors);
    }

    /// <summary>The numerical rank of S (eigenvalues above 1e-9 x the largest).</summary>
    public static int Rank(double[] eigenvalues) => eigenvalues.Count(v => v > 1e-9 * eigenvalues[0]);

    /// <summary>The construction at decoder log-variance <paramref name="eta"/> with <paramref name="extra"/> extra directions.</summary>
    public static LinearVaeParameters Build(Matrix<double> s, int latent, int extra, double eta, double extraNorm = 1.0)
    {
        var (values, vectors) = Eigen(s);
        int n = s.RowCount, r = Rank(values);
        if (extra < 0 || r + extra > latent || r + extra > n)
            throw new ArgumentException($"extra directions must satisfy r + s <= min(m, n) (r = {r}, s = {extra}, m = {latent}, n = {n}).");
        double sigma2 = Math.Exp(eta);
        var w = Matrix<double>.Build.Dense(n, latent);
        for (int i = 0; i < r; i++) w.SetColumn(i, vectors.Column(i) * Math.Sqrt(Math.Max(values[i] - sigma2, 1e-300)));
        for (int j = 0; j < extra; j++) w.SetColumn(r + j, vectors.Column(r + j) * extraNorm);
        var basis = vectors.SubMatrix(0, n, 0, r);
        var projector = basis * basis.Transpose();
        var gram = Matrix<double>.Build.DenseIdentity(latent) * sigma2 + w.Transpose() * w;
        var b = gram.Inverse() * w.Transpose() * projector;
        return new LinearVaeParameters(b, Vector<double>.Build.Dense(latent), w, Vector<double>.Build.Dense(n),
            LinearVaeLoss.OptimalLogVariance(w, eta), eta);
    }

    /// <summary>‖(I - P_S) W‖_F²: the second moment of generated samples off the data subspace.</summary>
    public static double OffSubspaceEnergy(Matrix<double> w, Matrix<double> projector)
    {
        var off = (Matrix<double>.Build.DenseIdentity(w.RowCount) - projector) * w;
        return off.FrobeniusNorm() * off.FrobeniusNorm();
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Diagnostics;

/// <summary>Spectra, ranks, Gaussian distances and principal angles, in double through MathNet.Numerics.</summary>
public static class LinearAlgebra
{
    /// <summary>Singular values, descending.</summary>
    public static double[] SingularValues(Matrix<double> a) => a.Svd(computeVectors: false).S.ToArray();

    /// <summary>Number of singular values above <paramref name="relative"/> x the largest.</summary>
    public static int Rank(IReadOnlyList<double> singularValues, double relative)
    {
        if (singularValues.Count == 0 || singularValues[0] <= 0) return 0;
        return singularValues.Count(s => s > relative * singularValues[0]);
    }

    /// <summary>The PSD square root via the symmetric eigendecomposition (negative eigenvalues clipped to 0).</summary>
    public static Matrix<double> SqrtPsd(Matrix<double> s)
    {
        var evd = ((s + s.Transpose()) / 2).Evd(Symmetricity.Symmetric);
        var d = Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(c => Math.Sqrt(Math.Max(c.Real, 0))));
        return evd.EigenVectors * d * evd.EigenVectors.Transpose();
    }

    /// <summary>Eigenvalues of a symmetric matrix, descending.</summary>
    public static double[] SymmetricEigenvalues(Matrix<double> s) =>
        ((s + s.Transpose()) / 2).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderDescending().ToArray();

    /// <summary>
    /// 2-Wasserstein distance between N(m1, S1) and N(m2, S2):
    /// W2^2 = ‖m1 - m2‖^2 + tr(S1 + S2 - 2 (S2^{1/2} S1 S2^{1/2})^{1/2}).
    /// </summary>
    public static double Wasserstein2(Vector<double> m1, Matrix<double> s1, Vector<double> m2, Matrix<double> s2)
    {
        var root2 = SqrtPsd(s2);
        var cross = SqrtPsd(root2 * s1 * root2);
        double w2 = (m1 - m2).DotProduct(m1 - m2) + s1.Trace() + s2.Trace() - 2 * cross.Trace();
        return Math.Sqrt(Math.Max(w2, 0));
    }

    /// <summary>‖A - B‖_F / ‖B‖_F.</summary>
    public static double RelativeFrobeniusError(Matrix<double> a, Matrix<double> reference) =>
        (a - reference).FrobeniusNorm() / reference.FrobeniusNorm();

    /// <summary>Principal angles in degrees between the column spans of orthonormal bases u and v, ascending.</summary>
    public static double[] PrincipalAnglesDegrees(Matrix<double> u, Matrix<double> v) =>
        SingularValues(u.Transpose() * v).Select(c => Math.Acos(Math.Clamp(c, -1, 1)) * 180 / Math.PI).Order().ToArray();
}

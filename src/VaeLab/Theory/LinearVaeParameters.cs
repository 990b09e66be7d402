using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Theory;

/// <summary>
/// Parameters of the linear VAE of SCIENCE.md section 8, in double: encoder mu = B x + b (B: m x n),
/// global encoder variances exp(L) (L: m), decoder f(s) = W s + c (W: n x m), sigma^2 = exp(Eta).
/// Also used for gradients, with the same layout.
/// </summary>
public sealed record LinearVaeParameters(Matrix<double> B, Vector<double> Bias, Matrix<double> W, Vector<double> C, Vector<double> L, double Eta)
{
    /// <summary>m, the latent dimension.</summary>
    public int Latent => W.ColumnCount;
    /// <summary>n, the data dimension.</summary>
    public int Ambient => W.RowCount;

    /// <summary>this + scale · other, elementwise.</summary>
    public LinearVaeParameters Plus(LinearVaeParameters other, double scale) =>
        new(B + scale * other.B, Bias + scale * other.Bias, W + scale * other.W, C + scale * other.C, L + scale * other.L, Eta + scale * other.Eta);

    /// <summary>All entries as one vector (B, b, W, c, L, eta, each row-major), for finite differences.</summary>
    public double[] Flatten() =>
        [.. B.ToRowMajorArray(), .. Bias, .. W.ToRowMajorArray(), .. C, .. L, Eta];

    /// <summary>The inverse of <see cref="Flatten"/> for the shapes of this instance.</summary>
    public LinearVaeParameters Unflatten(double[] v)
    {
        int m = Latent, n = Ambient, k = 0;
        var bm = Matrix<double>.Build.Dense(m, n, (i, j) => v[k + i * n + j]); k += m * n;
        var b = Vector<double>.Build.Dense(m, i => v[k + i]); k += m;
        var w = Matrix<double>.Build.Dense(n, m, (i, j) => v[k + i * m + j]); k += n * m;
        var c = Vector<double>.Build.Dense(n, i => v[k + i]); k += n;
        var l = Vector<double>.Build.Dense(m, i => v[k + i]); k += m;
        return new(bm, b, w, c, l, v[k]);
    }
}

using MathNet.Numerics.LinearAlgebra;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>Classical intrinsic-dimension estimates to set beside what a VAE learned.</summary>
public static class IntrinsicDimension
{
    /// <summary>Eigenvalues of the sample covariance of x (rows, cols), descending.</summary>
    public static double[] PcaSpectrum(float[] x, int rows, int cols)
    {
        var data = Matrix<double>.Build.Dense(rows, cols, (r, c) => x[r * cols + c]);
        var mean = data.ColumnSums() / rows;
        var centred = data - Matrix<double>.Build.Dense(rows, cols, (_, c) => mean[c]);
        return LinearAlgebra.SymmetricEigenvalues(centred.Transpose() * centred / Math.Max(rows - 1, 1)).Select(v => Math.Max(v, 0)).ToArray();
    }

    /// <summary>The number of leading components that explain at least <paramref name="fraction"/> of the variance.</summary>
    public static int ComponentsFor(double[] spectrum, double fraction)
    {
        double total = spectrum.Sum(), running = 0;
        for (int i = 0; i < spectrum.Length; i++)
        {
            running += spectrum[i];
            if (running >= fraction * total) return i + 1;
        }
        return spectrum.Length;
    }

    /// <summary>
    /// TwoNN (Facco et al. 2017): with μ_i = r2/r1 the ratio of the distances to the second and first nearest
    /// neighbours, the maximum-likelihood dimension is N / Σ log μ_i. Uses at most <paramref name="maxPoints"/>
    /// points (a seeded subsample) and skips duplicates (r1 = 0).
    /// </summary>
    public static double TwoNn(float[] x, int rows, int cols, int maxPoints = 2000, ulong seed = 1)
    {
        var index = Enumerable.Range(0, rows).ToArray();
        var rng = RngStreams.Create(seed, "twonn");
        rng.Shuffle(index.AsSpan());
        int n = Math.Min(rows, maxPoints);
        double sumLog = 0;
        int used = 0;
        for (int a = 0; a < n; a++)
        {
            double r1 = double.MaxValue, r2 = double.MaxValue;
            var pa = x.AsSpan(index[a] * cols, cols);
            for (int b = 0; b < n; b++)
            {
                if (a == b) continue;
                double d = System.Numerics.Tensors.TensorPrimitives.Distance(pa, x.AsSpan(index[b] * cols, cols));
                if (d < r1) (r1, r2) = (d, r1);
                else if (d < r2) r2 = d;
            }
            if (r1 <= 0 || r2 <= 0 || double.IsInfinity(r2)) continue;
            sumLog += Math.Log(r2 / r1);
            used++;
        }
        return used == 0 || sumLog <= 0 ? double.NaN : used / sumLog;
    }
}

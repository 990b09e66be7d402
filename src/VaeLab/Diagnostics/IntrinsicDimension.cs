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
    /// TwoNN (<see cref="Dimension.TwoNnDimension"/>) on at most <paramref name="maxPoints"/> points (a seeded
    /// subsample), duplicates (r1 = 0) skipped.
    /// </summary>
    public static double TwoNn(float[] x, int rows, int cols, int maxPoints = 2000, ulong seed = 1)
    {
        var index = Enumerable.Range(0, rows).ToArray();
        var rng = RngStreams.Create(seed, "twonn");
        rng.Shuffle(index.AsSpan());
        int n = Math.Min(rows, maxPoints);
        if (n < 3) return double.NaN;
        var subset = new float[n * cols];
        for (int a = 0; a < n; a++) x.AsSpan(index[a] * cols, cols).CopyTo(subset.AsSpan(a * cols, cols));
        return Dimension.TwoNnDimension.Estimate(Dimension.KnnSearch.Search(subset, n, cols, 2)).Global;
    }
}

using VaeLab.Random;

namespace VaeLab.Tests.Dimension;

/// <summary>Point sets with known dimension for the estimator tests, embedded in R^n by a fixed rotation-like mixing.</summary>
internal static class TestPoints
{
    /// <summary>N uniform points in the unit d-ball, padded to R^n with zeros.</summary>
    public static float[] Ball(int count, int d, int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new float[count * n];
        var g = new double[d];
        for (int i = 0; i < count; i++)
        {
            double norm = 0;
            for (int c = 0; c < d; c++) { g[c] = rng.NextNormal(); norm += g[c] * g[c]; }
            double radius = Math.Pow(rng.NextDouble(), 1.0 / d) / Math.Sqrt(norm);
            for (int c = 0; c < d; c++) x[i * n + c] = (float)(g[c] * radius);
        }
        return x;
    }

    /// <summary>N uniform points on the unit d-sphere S^d ⊂ R^{d+1}, padded to R^n with zeros.</summary>
    public static float[] Sphere(int count, int d, int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new float[count * n];
        var g = new double[d + 1];
        for (int i = 0; i < count; i++)
        {
            double norm = 0;
            for (int c = 0; c <= d; c++) { g[c] = rng.NextNormal(); norm += g[c] * g[c]; }
            norm = Math.Sqrt(norm);
            for (int c = 0; c <= d; c++) x[i * n + c] = (float)(g[c] / norm);
        }
        return x;
    }

    /// <summary>
    /// Half the points uniform on a segment of the line through e_0 (dimension 1), half uniform in a cube of the
    /// coordinates 2..(1 + d2) shifted by 3 e_1 away from the line (dimension d2); the labels give each point's dimension.
    /// </summary>
    public static (float[] X, int[] Dims) TwoSubspaces(int count, int d2, int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new float[count * n];
        var dims = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                x[i * n] = (float)(2 * rng.NextDouble() - 1);
                dims[i] = 1;
            }
            else
            {
                x[i * n + 1] = 3f;
                for (int c = 0; c < d2; c++) x[i * n + 2 + c] = (float)(2 * rng.NextDouble() - 1);
                dims[i] = d2;
            }
        }
        return (x, dims);
    }

    /// <summary>Applies a fixed orthogonal map (a product of Givens rotations) to every row, so nothing is axis-aligned.</summary>
    public static void Rotate(float[] x, int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        int count = x.Length / n;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
            {
                double angle = rng.NextDouble() * 2 * Math.PI, c = Math.Cos(angle), s = Math.Sin(angle);
                for (int i = 0; i < count; i++)
                {
                    double u = x[i * n + a], v = x[i * n + b];
                    x[i * n + a] = (float)(c * u - s * v);
                    x[i * n + b] = (float)(s * u + c * v);
                }
            }
    }
}

using System.Numerics.Tensors;
using VaeLab.Numerics;

namespace VaeLab.Dimension;

/// <summary>
/// Exact k-nearest-neighbour search by blocked brute force. Squared distances of a block of queries to every
/// point come from one GEMM, ‖q‖² + ‖x‖² - 2 q·x; the k + <see cref="Slack"/> smallest are kept as candidates and
/// their distances recomputed exactly in double, which repairs the cancellation of the GEMM form.
/// Cost O(N² n) time and O(B N) memory for a block of B queries: about a second for N = 10,000 points in R^12
/// on one core; <see cref="MaxRows"/> (50,000) is the supported limit, beyond which use a subsample.
/// </summary>
public static class KnnSearch
{
    /// <summary>The largest point set the brute force accepts.</summary>
    public const int MaxRows = 50_000;

    /// <summary>Extra candidates kept from the single-precision pass before the exact recomputation.</summary>
    public const int Slack = 8;

    private const int Block = 128;

    /// <summary>The k nearest neighbours of every row of x (rows, cols), each point excluding itself.</summary>
    public static NeighbourGraph Search(ReadOnlySpan<float> x, int rows, int cols, int k)
    {
        if (rows < 2) throw new ArgumentException($"kNN needs at least 2 points (got {rows}).");
        if (rows > MaxRows) throw new ArgumentException($"kNN brute force is limited to {MaxRows} points (got {rows}); subsample first.");
        if (k < 1 || k >= rows) throw new ArgumentException($"k must be within [1, {rows - 1}] for {rows} points (got {k}).");
        if (x.Length < (long)rows * cols) throw new ArgumentException($"x holds {x.Length} values, fewer than {rows} x {cols}.");
        var xT = new float[cols * rows];
        Gemm.Transpose(x[..(rows * cols)], xT, rows, cols);
        var norms = new float[rows];
        for (int i = 0; i < rows; i++) norms[i] = TensorPrimitives.SumOfSquares(x.Slice(i * cols, cols));

        int keep = Math.Min(k + Slack, rows - 1);
        var indices = new int[rows * k];
        var distances = new double[rows * k];
        var dots = new float[Block * rows];
        var candIdx = new int[keep];
        var candKey = new float[keep];
        var exact = new double[keep];
        for (int start = 0; start < rows; start += Block)
        {
            int b = Math.Min(Block, rows - start);
            Gemm.MatMul(x.Slice(start * cols), cols, 1, xT, [], dots, b, cols, rows, accumulate: false);
            for (int q = 0; q < b; q++)
            {
                int i = start + q;
                ReadOnlySpan<float> row = dots.AsSpan(q * rows, rows);
                int filled = 0;
                for (int j = 0; j < rows; j++)
                {
                    if (j == i) continue;
                    float key = norms[j] - 2f * row[j];
                    if (filled < keep) Insert(candKey, candIdx, ref filled, key, j);
                    else if (key < candKey[keep - 1]) { filled--; Insert(candKey, candIdx, ref filled, key, j); }
                }
                for (int c = 0; c < keep; c++) exact[c] = Distance(x.Slice(i * cols, cols), x.Slice(candIdx[c] * cols, cols));
                SortByDistance(exact, candIdx, keep);
                candIdx.AsSpan(0, k).CopyTo(indices.AsSpan(i * k, k));
                exact.AsSpan(0, k).CopyTo(distances.AsSpan(i * k, k));
            }
        }
        return new NeighbourGraph(rows, k, indices, distances);
    }

    /// <summary>Euclidean distance accumulated in double.</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    // Inserts (key, j) into the ascending list of length filled (capacity not exceeded by the caller).
    private static void Insert(float[] keys, int[] idx, ref int filled, float key, int j)
    {
        int p = filled;
        while (p > 0 && keys[p - 1] > key)
        {
            keys[p] = keys[p - 1];
            idx[p] = idx[p - 1];
            p--;
        }
        keys[p] = key;
        idx[p] = j;
        filled++;
    }

    // Insertion sort by (distance, index): deterministic ties.
    private static void SortByDistance(double[] d, int[] idx, int count)
    {
        for (int a = 1; a < count; a++)
        {
            double dk = d[a];
            int ik = idx[a];
            int p = a;
            while (p > 0 && (d[p - 1] > dk || (d[p - 1] == dk && idx[p - 1] > ik)))
            {
                d[p] = d[p - 1];
                idx[p] = idx[p - 1];
                p--;
            }
            d[p] = dk;
            idx[p] = ik;
        }
    }
}

namespace VaeLab.Dimension;

/// <summary>
/// The k nearest neighbours of every point of a set, the point itself excluded. Row i of
/// <see cref="Indices"/> and <see cref="Distances"/> lists its neighbours by ascending Euclidean distance
/// (ties by ascending index).
/// </summary>
/// <param name="Rows">N, the number of points.</param>
/// <param name="K">k, neighbours per point.</param>
/// <param name="Indices">(N, k) row-major neighbour indices.</param>
/// <param name="Distances">(N, k) row-major Euclidean distances, in double, recomputed exactly for the neighbours found.</param>
public sealed record NeighbourGraph(int Rows, int K, int[] Indices, double[] Distances)
{
    /// <summary>Distances from point i to its k neighbours, ascending.</summary>
    public ReadOnlySpan<double> DistancesOf(int i) => Distances.AsSpan(i * K, K);

    /// <summary>Indices of the k neighbours of point i, nearest first.</summary>
    public ReadOnlySpan<int> NeighboursOf(int i) => Indices.AsSpan(i * K, K);

    /// <summary>The same graph cut to its first <paramref name="k"/> neighbours per point (k at most <see cref="K"/>).</summary>
    public NeighbourGraph Truncate(int k)
    {
        if (k == K) return this;
        if (k < 1 || k > K) throw new ArgumentOutOfRangeException(nameof(k), $"k must be within [1, {K}] (got {k}).");
        var idx = new int[Rows * k];
        var dist = new double[Rows * k];
        for (int i = 0; i < Rows; i++)
        {
            Indices.AsSpan(i * K, k).CopyTo(idx.AsSpan(i * k, k));
            Distances.AsSpan(i * K, k).CopyTo(dist.AsSpan(i * k, k));
        }
        return new NeighbourGraph(Rows, k, idx, dist);
    }
}

namespace VaeLab.Data;

/// <summary>Builds a family from its settings.</summary>
public static class DataFamilyFactory
{
    /// <summary>The known family names.</summary>
    public static readonly string[] Names = ["linear", "sigmoid", "sphere", "torus", "swiss-roll", "graph", "union"];

    /// <summary>The union family's component dimensions when none are given.</summary>
    public static readonly int[] DefaultUnionDims = [1, 3, 6];

    /// <param name="family">one of <see cref="Names"/>.</param>
    /// <param name="dataDim">D (linear, union), d (sigmoid, sphere, torus, graph); swiss-roll ignores it (r = 2).</param>
    /// <param name="linearRank">k, columns of A (linear only).</param>
    /// <param name="rotate">embed through a random orthogonal map of R^n (data seed) instead of axis-aligned padding.</param>
    /// <param name="unionDims">the union's component dimensions (default <see cref="DefaultUnionDims"/>).</param>
    public static DataFamily Create(string family, int dataDim, int linearRank, int padding, ulong dataSeed, float noiseVariance,
        bool rotate = false, IReadOnlyList<int>? unionDims = null)
    {
        float innerNoise = rotate ? 0f : noiseVariance;
        DataFamily f = family switch
        {
            "linear" => new LinearFamily(dataDim, linearRank, padding, dataSeed, innerNoise),
            "sigmoid" => new SigmoidFamily(dataDim, padding, dataSeed, innerNoise),
            "sphere" => new SphereFamily(dataDim, padding, innerNoise),
            "torus" => new TorusFamily(dataDim, padding, innerNoise),
            "swiss-roll" => new SwissRollFamily(padding, innerNoise),
            "graph" => new GraphFamily(dataDim, padding, innerNoise),
            "union" => new UnionFamily(dataDim, unionDims ?? DefaultUnionDims, padding, dataSeed, innerNoise),
            _ => throw new ArgumentException($"family must be one of {string.Join(", ", Names)} (got '{family}')."),
        };
        return rotate ? new RotatedFamily(f, dataSeed, noiseVariance) : f;
    }

    /// <summary>The number of non-padding coordinates of a family: n = BlockDim + p.</summary>
    public static int BlockDim(string family, int dataDim) => family switch
    {
        "sigmoid" or "graph" => dataDim + 1,
        "torus" => 2 * dataDim,
        "swiss-roll" => 3,
        _ => dataDim,
    };
}

namespace VaeLab.Data;

/// <summary>Builds a family from its settings.</summary>
public static class DataFamilyFactory
{
    /// <summary>The union family's component dimensions when none are given.</summary>
    public static readonly int[] DefaultUnionDims = [1, 3, 6];

    /// <param name="family">any kind but File (a file is read, not generated).</param>
    /// <param name="dataDim">D (linear, union), d (sigmoid, sphere, torus, graph); swiss-roll ignores it (r = 2).</param>
    /// <param name="linearRank">k, columns of A (linear only).</param>
    /// <param name="padding">p, zero-padding coordinates.</param>
    /// <param name="dataSeed">seed of the family's random parameters (A, a*, the union's subspaces, the rotation).</param>
    /// <param name="noiseVariance">variance of isotropic noise added to every coordinate.</param>
    /// <param name="rotate">embed through a random orthogonal map of R^n (data seed) instead of axis-aligned padding.</param>
    /// <param name="unionDims">the union's component dimensions (default <see cref="DefaultUnionDims"/>).</param>
    public static DataFamily Create(DataFamilyKind family, int dataDim, int linearRank, int padding, ulong dataSeed, float noiseVariance,
        bool rotate = false, IReadOnlyList<int>? unionDims = null)
    {
        float innerNoise = rotate ? 0f : noiseVariance;
        DataFamily f = family switch
        {
            DataFamilyKind.Linear => new LinearFamily(dataDim, linearRank, padding, dataSeed, innerNoise),
            DataFamilyKind.Sigmoid => new SigmoidFamily(dataDim, padding, dataSeed, innerNoise),
            DataFamilyKind.Sphere => new SphereFamily(dataDim, padding, innerNoise),
            DataFamilyKind.Torus => new TorusFamily(dataDim, padding, innerNoise),
            DataFamilyKind.SwissRoll => new SwissRollFamily(padding, innerNoise),
            DataFamilyKind.Graph => new GraphFamily(dataDim, padding, innerNoise),
            DataFamilyKind.Union => new UnionFamily(dataDim, unionDims ?? DefaultUnionDims, padding, dataSeed, innerNoise),
            DataFamilyKind.File => throw new ArgumentException("the file family is read from --data-file (Dataset.Read), not generated.", nameof(family)),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
        };
        return rotate ? new RotatedFamily(f, dataSeed, noiseVariance) : f;
    }

    /// <summary>The number of non-padding coordinates of a family: n = BlockDim + p (a file's columns are its DataDim).</summary>
    public static int BlockDim(DataFamilyKind family, int dataDim) => family switch
    {
        DataFamilyKind.Sigmoid => SigmoidFamily.BlockDimOf(dataDim),
        DataFamilyKind.Graph => dataDim + 1,
        DataFamilyKind.Torus => 2 * dataDim,
        DataFamilyKind.SwissRoll => 3,
        DataFamilyKind.Linear or DataFamilyKind.Sphere or DataFamilyKind.Union or DataFamilyKind.File => dataDim,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };
}

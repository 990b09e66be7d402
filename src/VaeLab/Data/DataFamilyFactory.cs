namespace VaeLab.Data;

/// <summary>Builds a family from its settings.</summary>
public static class DataFamilyFactory
{
    /// <param name="family">linear, sigmoid or sphere (a file is read, not generated).</param>
    /// <param name="dataDim">D (linear), d (sigmoid, sphere).</param>
    /// <param name="linearRank">k, columns of A (linear only).</param>
    /// <param name="padding">p, zero-padding coordinates.</param>
    /// <param name="dataSeed">seed of the family's random parameters A or a*.</param>
    /// <param name="noiseVariance">variance of isotropic noise added to every coordinate.</param>
    public static DataFamily Create(DataFamilyKind family, int dataDim, int linearRank, int padding, ulong dataSeed, float noiseVariance) => family switch
    {
        DataFamilyKind.Linear => new LinearFamily(dataDim, linearRank, padding, dataSeed, noiseVariance),
        DataFamilyKind.Sigmoid => new SigmoidFamily(dataDim, padding, dataSeed, noiseVariance),
        DataFamilyKind.Sphere => new SphereFamily(dataDim, padding, noiseVariance),
        DataFamilyKind.File => throw new ArgumentException("the file family is read from --data-file (Dataset.Read), not generated.", nameof(family)),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };
}

namespace VaeLab.Data;

/// <summary>Builds a family from its settings.</summary>
public static class DataFamilyFactory
{
    /// <summary>The known family names.</summary>
    public static readonly string[] Names = ["linear", "sigmoid", "sphere"];

    /// <param name="family">linear, sigmoid or sphere.</param>
    /// <param name="dataDim">D (linear), d (sigmoid, sphere).</param>
    /// <param name="linearRank">k, columns of A (linear only).</param>
    public static DataFamily Create(string family, int dataDim, int linearRank, int padding, ulong dataSeed, float noiseVariance) => family switch
    {
        "linear" => new LinearFamily(dataDim, linearRank, padding, dataSeed, noiseVariance),
        "sigmoid" => new SigmoidFamily(dataDim, padding, dataSeed, noiseVariance),
        "sphere" => new SphereFamily(dataDim, padding, noiseVariance),
        _ => throw new ArgumentException($"family must be one of {string.Join(", ", Names)} (got '{family}')."),
    };
}

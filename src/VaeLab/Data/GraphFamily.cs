using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// The paraboloid graph of the authors' first code: x = (z, ‖z‖², 0_p) with z ~ N(0, I_d). r = d, n = d + 1 + p.
/// Like the sigmoid family, the in-block error and the projection are vertical: (x_d - ‖x_{:d}‖²)² and
/// (x_{:d}, ‖x_{:d}‖²), an upper bound on the squared distance to the graph that is exact on it.
/// </summary>
public sealed class GraphFamily : DataFamily
{
    private float[] _z = [];

    /// <summary>The paraboloid over d = <paramref name="dataDim"/>, then <paramref name="padding"/> zero coordinates.</summary>
    public GraphFamily(int dataDim, int padding, float noiseVariance = 0f)
        : base(dataDim + 1, padding, dataDim, noiseVariance)
    {
    }

    /// <inheritdoc/>
    public override string Name => "graph";

    /// <summary>E‖z‖² + E‖z‖⁴ = d + (d² + 2d) = d² + 3d.</summary>
    protected override double NoiseFreeMeanSquaredNorm => (double)IntrinsicDim * IntrinsicDim + 3.0 * IntrinsicDim;

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        int d = IntrinsicDim;
        Span<float> z = Scratch(ref _z, count * d);
        normal.Fill(z);
        for (int i = 0; i < count; i++)
        {
            Span<float> row = x.Slice(i * AmbientDim, BlockDim);
            z.Slice(i * d, d).CopyTo(row);
            row[d] = (float)SquaredNorm(row);
        }
    }

    /// <inheritdoc/>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double e = block[IntrinsicDim] - SquaredNorm(block);
        return e * e;
    }

    /// <inheritdoc/>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        for (int i = 0; i < IntrinsicDim; i++) dst[i] = block[i];
        dst[IntrinsicDim] = SquaredNorm(block);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
    };

    // ‖x_{:d}‖² in double.
    private double SquaredNorm(ReadOnlySpan<float> block)
    {
        double s = 0;
        for (int i = 0; i < IntrinsicDim; i++) s += (double)block[i] * block[i];
        return s;
    }
}

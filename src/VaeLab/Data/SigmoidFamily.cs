using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// x = (z, sigmoid(⟨a*, z⟩), 0_p) with z ~ N(0, I_d) and a* with N(0, 1) entries (not normalised).
/// r = d, n = d + 1 + p.
/// </summary>
public sealed class SigmoidFamily : DataFamily
{
    private float[] _z = [];

    /// <summary>d = <paramref name="dataDim"/>, a* drawn from stream "family" of <paramref name="dataSeed"/>, then <paramref name="padding"/> zero coordinates.</summary>
    public SigmoidFamily(int dataDim, int padding, ulong dataSeed, float noiseVariance = 0f)
        : base(BlockDimOf(dataDim), padding, dataDim, noiseVariance)
    {
        var rng = RngStreams.Create(dataSeed, "family");
        Direction = new double[dataDim];
        for (int i = 0; i < dataDim; i++) Direction[i] = rng.NextNormal();
    }

    /// <summary>The coordinates before the padding: the d of z and the one of sigmoid(⟨a*, z⟩), so d + 1.</summary>
    public static int BlockDimOf(int dataDim) => dataDim + 1;

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <summary>a*, the direction inside the sigmoid.</summary>
    public double[] Direction { get; }

    /// <summary>d, the latent dimension of the true generator.</summary>
    public int LatentDim => Direction.Length;

    /// <summary>⟨a*, z⟩ for the first d coordinates of a point.</summary>
    public double Projection(ReadOnlySpan<float> block)
    {
        double dot = 0;
        for (int i = 0; i < LatentDim; i++) dot += Direction[i] * block[i];
        return dot;
    }

    /// <summary>
    /// E‖z‖² + E sigmoid(⟨a*, z⟩)² = d + E sigmoid(‖a*‖ Z)² with Z ~ N(0, 1), the latter by deterministic quadrature.
    /// </summary>
    protected override double NoiseFreeMeanSquaredNorm
    {
        get
        {
            double norm = Math.Sqrt(Direction.Sum(v => v * v));
            return LatentDim + Numerics.NormalExpectation.Of(z => Sigmoid(norm * z) * Sigmoid(norm * z));
        }
    }

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        int d = LatentDim;
        Span<float> z = Scratch(ref _z, count * d);
        normal.Fill(z);
        for (int i = 0; i < count; i++)
        {
            Span<float> row = x.Slice(i * AmbientDim, BlockDim);
            z.Slice(i * d, d).CopyTo(row);
            row[d] = (float)Sigmoid(Projection(row));
        }
    }

    /// <inheritdoc/>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double e = block[LatentDim] - Sigmoid(Projection(block));
        return e * e;
    }

    /// <summary>The authors' metric: (x[d] - ⟨a*, x[:d]⟩)^2, without the sigmoid. Far from 0 on true data.</summary>
    public double AuthorsError(ReadOnlySpan<float> block)
    {
        double e = block[LatentDim] - Projection(block);
        return e * e;
    }

    /// <inheritdoc/>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        for (int i = 0; i < LatentDim; i++) dst[i] = block[i];
        dst[LatentDim] = Sigmoid(Projection(block));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
        ["aStar"] = Direction,
    };

    /// <summary>The logistic function 1 / (1 + e^-u), in double.</summary>
    public static double Sigmoid(double u) => 1.0 / (1.0 + Math.Exp(-u));
}

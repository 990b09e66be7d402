using System.Numerics.Tensors;
using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>x = (g / ‖g‖, 0_p) with g ~ N(0, I_d): the uniform distribution on S^{d-1}. r = d - 1, n = d + p.</summary>
public sealed class SphereFamily : DataFamily
{
    /// <summary>The unit sphere S^{d-1} in d = <paramref name="dataDim"/> coordinates, then <paramref name="padding"/> zero coordinates.</summary>
    public SphereFamily(int dataDim, int padding, float noiseVariance = 0f)
        : base(dataDim, padding, dataDim - 1, noiseVariance)
    {
    }

    private float[] _g = [];

    /// <inheritdoc/>
    public override string Name => "sphere";

    /// <summary>Every point has norm 1.</summary>
    protected override double NoiseFreeMeanSquaredNorm => 1.0;

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        Span<float> g = Scratch(ref _g, count * BlockDim);
        normal.Fill(g);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> gi = g.Slice(i * BlockDim, BlockDim);
            TensorPrimitives.Divide(gi, TensorPrimitives.Norm(gi), x.Slice(i * AmbientDim, BlockDim));
        }
    }

    /// <inheritdoc/>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double norm = 0;
        for (int i = 0; i < BlockDim; i++) norm += (double)block[i] * block[i];
        double e = Math.Sqrt(norm) - 1.0;
        return e * e;
    }

    /// <inheritdoc/>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        double norm = 0;
        for (int i = 0; i < BlockDim; i++) norm += (double)block[i] * block[i];
        norm = Math.Sqrt(norm);
        for (int i = 0; i < BlockDim; i++) dst[i] = norm > 0 ? block[i] / norm : (i == 0 ? 1 : 0);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
    };
}

using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// The flat d-torus in R^{2d}: x = (cos a_1, sin a_1, ..., cos a_d, sin a_d) / √d with uniform angles, padded with
/// p zeros. d = 2 is the flat torus of R^4 (SCIENCE.md section 10). r = d, n = 2d + p. Every point lies on the
/// sphere of radius 1 and each coordinate pair on a circle of radius 1/√d, which gives the exact projection.
/// </summary>
public sealed class TorusFamily : DataFamily
{
    private float[] _g = [];

    /// <summary>The flat d-torus, d = <paramref name="dataDim"/>, in 2d coordinates, then <paramref name="padding"/> zero coordinates.</summary>
    public TorusFamily(int dataDim, int padding, float noiseVariance = 0f)
        : base(2 * dataDim, padding, dataDim, noiseVariance)
    {
    }

    /// <inheritdoc/>
    public override string Name => "torus";

    /// <summary>1/√d, the radius of each circle.</summary>
    public double CircleRadius => 1 / Math.Sqrt(IntrinsicDim);

    /// <summary>d circles of radius 1/√d: every point has norm 1.</summary>
    protected override double NoiseFreeMeanSquaredNorm => 1.0;

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        Span<float> g = Scratch(ref _g, count * BlockDim);
        normal.Fill(g);
        for (int i = 0; i < count; i++)
            for (int a = 0; a < IntrinsicDim; a++)
            {
                int c = i * BlockDim + 2 * a;
                double norm = Math.Sqrt((double)g[c] * g[c] + (double)g[c + 1] * g[c + 1]);
                // A normalised Gaussian pair is uniform on the circle; g = 0 has probability zero but is mapped to angle 0.
                double cos = norm > 0 ? g[c] / norm : 1, sin = norm > 0 ? g[c + 1] / norm : 0;
                x[i * AmbientDim + 2 * a] = (float)(cos * CircleRadius);
                x[i * AmbientDim + 2 * a + 1] = (float)(sin * CircleRadius);
            }
    }

    /// <summary>The exact squared distance to the torus: Σ_a (‖(x_{2a}, x_{2a+1})‖ - 1/√d)².</summary>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double sum = 0;
        for (int a = 0; a < IntrinsicDim; a++)
        {
            double e = Math.Sqrt((double)block[2 * a] * block[2 * a] + (double)block[2 * a + 1] * block[2 * a + 1]) - CircleRadius;
            sum += e * e;
        }
        return sum;
    }

    /// <summary>The nearest point: each pair scaled to radius 1/√d (a zero pair goes to angle 0).</summary>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        for (int a = 0; a < IntrinsicDim; a++)
        {
            double u = block[2 * a], v = block[2 * a + 1], norm = Math.Sqrt(u * u + v * v);
            dst[2 * a] = norm > 0 ? u / norm * CircleRadius : CircleRadius;
            dst[2 * a + 1] = norm > 0 ? v / norm * CircleRadius : 0;
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
        ["circleRadius"] = CircleRadius,
    };
}

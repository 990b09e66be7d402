using System.Numerics.Tensors;
using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// A synthetic distribution on a known manifold, padded with p zero coordinates: x = (block, 0_p),
/// optionally plus isotropic Gaussian noise on every coordinate. Knows its ground truth.
/// </summary>
public abstract class DataFamily : IDataSource
{
    /// <summary>A family with <paramref name="blockDim"/> manifold coordinates, <paramref name="padding"/> zero ones, manifold dimension <paramref name="intrinsicDim"/> and noise variance <paramref name="noiseVariance"/>.</summary>
    protected DataFamily(int blockDim, int padding, int intrinsicDim, float noiseVariance)
    {
        BlockDim = blockDim;
        Padding = padding;
        IntrinsicDim = intrinsicDim;
        NoiseVariance = noiseVariance;
    }

    /// <summary>"linear", "sigmoid" or "sphere".</summary>
    public abstract string Name { get; }

    /// <summary>r, the manifold's dimension.</summary>
    public int IntrinsicDim { get; }

    /// <summary>Number of non-padding coordinates (D, d + 1 or d).</summary>
    public int BlockDim { get; }

    /// <summary>p, the number of zero-padding coordinates.</summary>
    public int Padding { get; }

    /// <summary>n = BlockDim + Padding.</summary>
    public int AmbientDim => BlockDim + Padding;

    /// <summary>Variance of the isotropic noise added to every coordinate (0 for none).</summary>
    public float NoiseVariance { get; }

    /// <summary>Overwrites x (count, n) with fresh samples, noise included.</summary>
    public void Sample(Span<float> x, int count, NormalSampler normal)
    {
        SampleBlocks(x, count, normal);
        for (int i = 0; i < count; i++) x.Slice(i * AmbientDim + BlockDim, Padding).Clear();
        if (NoiseVariance > 0f) AddNoise(x[..(count * AmbientDim)], normal);
    }

    /// <summary>
    /// The intrinsic dimension at each of the last <paramref name="count"/> points sampled (overwrites dims). The same r
    /// for every point except in families that mix dimensions, such as <see cref="UnionFamily"/>.
    /// </summary>
    public virtual void PointDimensions(Span<int> dims, int count) => dims[..count].Fill(IntrinsicDim);

    /// <summary>Writes the manifold block of each of count rows of x (stride n); padding is cleared by the caller.</summary>
    protected abstract void SampleBlocks(Span<float> x, int count, NormalSampler normal);

    /// <summary>In-block squared distance proxy of one point's block to the manifold (SCIENCE.md section 5).</summary>
    public abstract double InBlockError(ReadOnlySpan<float> block);

    /// <summary>Projects one point's block onto the manifold (the density diagnostics' map). Overwrites dst.</summary>
    public abstract void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst);

    /// <summary>Padding part ‖x[pad]‖^2 of one point.</summary>
    public double PaddingError(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x.Slice(BlockDim, Padding)) sum += (double)v * v;
        return sum;
    }

    /// <summary>
    /// E‖x‖² in closed form, noise included: the noise-free second moment of the block plus n x the noise variance.
    /// The scale of every relative error (SCIENCE.md sections 5, 9).
    /// </summary>
    public double MeanSquaredNorm => NoiseFreeMeanSquaredNorm + (double)AmbientDim * NoiseVariance;

    /// <summary>E‖x‖² of the noise-free family, in closed form (linear ‖A‖_F², sigmoid d + E sigmoid(⟨a*, z⟩)², sphere 1).</summary>
    protected abstract double NoiseFreeMeanSquaredNorm { get; }

    /// <summary>The ground truth, for the run folder and data exports.</summary>
    public abstract Dictionary<string, object> GroundTruth();

    private float[] _noise = [];

    private void AddNoise(Span<float> x, NormalSampler normal)
    {
        if (_noise.Length < x.Length) _noise = new float[x.Length];
        Span<float> noise = _noise.AsSpan(0, x.Length);
        normal.Fill(noise, NoiseVariance);
        TensorPrimitives.Add(x, noise, x);
    }

    /// <summary>Scratch of at least <paramref name="length"/> floats, grown only when a larger request arrives.</summary>
    protected static Span<float> Scratch(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}

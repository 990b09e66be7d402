using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>Anything a VAE trains on: it fills batches of n-dimensional points.</summary>
public interface IDataSource
{
    /// <summary>n, the dimension of a point.</summary>
    int AmbientDim { get; }

    /// <summary>Overwrites x (count, n) with fresh points drawn with <paramref name="normal"/>. Allocation-free after warm-up.</summary>
    void Sample(Span<float> x, int count, NormalSampler normal);
}

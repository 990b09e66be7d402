using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>The rows of a <see cref="Dataset"/> in order, wrapping around: a deterministic pass for held-out evaluation.</summary>
public sealed class DatasetSource(Dataset data) : IDataSource
{
    private int _next;

    /// <inheritdoc/>
    public int AmbientDim => data.Cols;

    /// <inheritdoc/>
    public void Sample(Span<float> x, int count, NormalSampler normal)
    {
        int n = data.Cols;
        for (int i = 0; i < count; i++)
        {
            data.Values.AsSpan(_next * n, n).CopyTo(x.Slice(i * n, n));
            _next = (_next + 1) % data.Rows;
        }
    }
}

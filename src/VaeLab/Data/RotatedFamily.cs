using MathNet.Numerics.LinearAlgebra;
using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// Any family embedded through a random orthogonal map Q of R^n instead of axis-aligned padding: x = Q x_inner
/// (+ noise). Q is Haar-distributed (the Q of a Gaussian matrix's QR with the signs of R's diagonal folded in),
/// drawn from the data seed's "rotation" stream. The whole of R^n is the block (no padding); the errors and the
/// projection map back through Qᵀ, so they equal the inner family's on the unrotated point.
/// </summary>
public sealed class RotatedFamily : DataFamily
{
    private readonly double[] _q; // (n, n) row-major
    private float[] _inner = [];
    private float[] _y = [];

    /// <param name="inner">The family to rotate, built without noise (the rotated family adds its own).</param>
    public RotatedFamily(DataFamily inner, ulong dataSeed, float noiseVariance = 0f)
        : base(inner.AmbientDim, 0, inner.IntrinsicDim, noiseVariance)
    {
        if (inner.NoiseVariance != 0) throw new ArgumentException("the inner family of a rotation must be noise-free; give the noise to the rotated family.");
        Inner = inner;
        int n = inner.AmbientDim;
        var rng = RngStreams.Create(dataSeed, "rotation");
        var qr = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextNormal()).QR();
        var q = qr.Q;
        _q = new double[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) _q[r * n + c] = q[r, c] * Math.Sign(qr.R[c, c] == 0 ? 1 : qr.R[c, c]);
    }

    /// <summary>The unrotated family.</summary>
    public DataFamily Inner { get; }

    /// <inheritdoc/>
    public override string Name => Inner.Name;

    /// <summary>A rotation keeps norms: the inner family's E‖x‖² (it is built without noise).</summary>
    protected override double NoiseFreeMeanSquaredNorm => Inner.MeanSquaredNorm;

    /// <summary>Q (n x n), row-major: x = Q x_inner.</summary>
    public ReadOnlySpan<double> Rotation => _q;

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        int n = AmbientDim;
        Span<float> inner = Scratch(ref _inner, count * n);
        Inner.Sample(inner, count, normal);
        for (int i = 0; i < count; i++) Rotate(inner.Slice(i * n, n), x.Slice(i * n, n));
    }

    /// <inheritdoc/>
    public override void PointDimensions(Span<int> dims, int count) => Inner.PointDimensions(dims, count);

    /// <inheritdoc/>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        Span<float> y = Unrotate(block);
        return Inner.InBlockError(y[..Inner.BlockDim]) + Inner.PaddingError(y);
    }

    /// <inheritdoc/>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        int n = AmbientDim;
        Span<float> y = Unrotate(block);
        Span<double> p = stackalloc double[n];
        p.Clear();
        Inner.ProjectBlock(y[..Inner.BlockDim], p);
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            for (int c = 0; c < n; c++) s += _q[r * n + c] * p[c];
            dst[r] = s;
        }
    }

    /// <summary>y = Qᵀ x for one point, in a scratch buffer reused by the next call.</summary>
    public Span<float> Unrotate(ReadOnlySpan<float> x)
    {
        int n = AmbientDim;
        Span<float> y = Scratch(ref _y, n);
        for (int c = 0; c < n; c++)
        {
            double s = 0;
            for (int r = 0; r < n; r++) s += _q[r * n + c] * x[r];
            y[c] = (float)s;
        }
        return y;
    }

    private void Rotate(ReadOnlySpan<float> src, Span<float> dst)
    {
        int n = AmbientDim;
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            for (int c = 0; c < n; c++) s += _q[r * n + c] * src[c];
            dst[r] = (float)s;
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth()
    {
        var truth = Inner.GroundTruth();
        int n = AmbientDim;
        truth["rotation"] = Enumerable.Range(0, n).Select(r => _q.AsSpan(r * n, n).ToArray()).ToArray();
        return truth;
    }
}

using MathNet.Numerics.LinearAlgebra;
using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// A union of affine subspaces of different dimensions d_1, ..., d_J in one R^D: component j is c_j + U_j z with
/// z ~ N(0, I_{d_j}), U_j (D x d_j) orthonormal and c_j a random offset of norm <see cref="OffsetNorm"/> (both from the
/// data seed's "family" stream); each point picks a component uniformly and knows its own dimension d_j.
/// Padded with p zeros: n = D + p; r (<see cref="DataFamily.IntrinsicDim"/>) is the largest d_j. The projection is
/// onto the nearest component.
/// </summary>
public sealed class UnionFamily : DataFamily
{
    /// <summary>‖c_j‖, the distance of each component's centre from the origin.</summary>
    public const double OffsetNorm = 6;

    private readonly double[][] _basis;   // per component, (D, d_j) row-major
    private readonly double[][] _offset;  // per component, length D
    private float[] _g = [];
    private int[] _labels = [];

    /// <summary>Subspaces of dimensions <paramref name="dims"/> in D = <paramref name="dataDim"/>, bases and offsets from <paramref name="dataSeed"/>, then <paramref name="padding"/> zero coordinates.</summary>
    public UnionFamily(int dataDim, IReadOnlyList<int> dims, int padding, ulong dataSeed, float noiseVariance = 0f)
        : base(dataDim, padding, dims.Max(), noiseVariance)
    {
        if (dims.Count == 0 || dims.Any(d => d < 1 || d >= dataDim))
            throw new ArgumentException($"union dimensions must be within [1, {dataDim - 1}] for D = {dataDim} (got [{string.Join(",", dims)}]).");
        Dims = dims.ToArray();
        var rng = RngStreams.Create(dataSeed, "family");
        _basis = new double[Dims.Length][];
        _offset = new double[Dims.Length][];
        for (int j = 0; j < Dims.Length; j++)
        {
            var g = Matrix<double>.Build.Dense(dataDim, Dims[j], (_, _) => rng.NextNormal());
            var q = g.QR().Q.SubMatrix(0, dataDim, 0, Dims[j]);
            _basis[j] = new double[dataDim * Dims[j]];
            for (int r = 0; r < dataDim; r++)
                for (int c = 0; c < Dims[j]; c++) _basis[j][r * Dims[j] + c] = q[r, c];
            var c0 = new double[dataDim];
            for (int r = 0; r < dataDim; r++) c0[r] = rng.NextNormal();
            double norm = Math.Sqrt(c0.Sum(v => v * v));
            _offset[j] = c0.Select(v => v / norm * OffsetNorm).ToArray();
        }
    }

    /// <inheritdoc/>
    public override string Name => "union";

    /// <summary>d_1, ..., d_J, the components' dimensions.</summary>
    public int[] Dims { get; }

    /// <summary>E‖c_j + U_j z‖² = ‖c_j‖² + d_j (orthonormal U_j, E z = 0), averaged over the uniformly chosen component.</summary>
    protected override double NoiseFreeMeanSquaredNorm => OffsetNorm * OffsetNorm + Dims.Average();

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        int width = 1 + IntrinsicDim;
        Span<float> g = Scratch(ref _g, count * width);
        normal.Fill(g);
        if (_labels.Length < count) _labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> gi = g.Slice(i * width, width);
            int j = Math.Min((int)(UniformFromNormal.Cdf(gi[0]) * Dims.Length), Dims.Length - 1);
            _labels[i] = j;
            int d = Dims[j];
            Span<float> row = x.Slice(i * AmbientDim, BlockDim);
            for (int r = 0; r < BlockDim; r++)
            {
                double v = _offset[j][r];
                for (int c = 0; c < d; c++) v += _basis[j][r * d + c] * gi[1 + c];
                row[r] = (float)v;
            }
        }
    }

    /// <summary>The component index of each of the last count points sampled.</summary>
    public ReadOnlySpan<int> LastComponents(int count) => _labels.AsSpan(0, count);

    /// <inheritdoc/>
    public override void PointDimensions(Span<int> dims, int count)
    {
        for (int i = 0; i < count; i++) dims[i] = Dims[_labels[i]];
    }

    /// <summary>The squared distance to the nearest component.</summary>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double best = double.MaxValue;
        for (int j = 0; j < Dims.Length; j++) best = Math.Min(best, Residual(block, j, null));
        return best;
    }

    /// <summary>The orthogonal projection onto the nearest component.</summary>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        int bestJ = 0;
        double best = double.MaxValue;
        for (int j = 0; j < Dims.Length; j++)
        {
            double e = Residual(block, j, null);
            if (e < best) (best, bestJ) = (e, j);
        }
        Residual(block, bestJ, dst);
    }

    /// <summary>The component nearest to a block (the label of a noise-free point).</summary>
    public int NearestComponent(ReadOnlySpan<float> block)
    {
        int bestJ = 0;
        double best = double.MaxValue;
        for (int j = 0; j < Dims.Length; j++)
        {
            double e = Residual(block, j, null);
            if (e < best) (best, bestJ) = (e, j);
        }
        return bestJ;
    }

    // ‖(I - U Uᵀ)(x - c)‖² for component j; writes the projection c + U Uᵀ (x - c) into projection when given.
    private double Residual(ReadOnlySpan<float> block, int j, Span<double> projection)
    {
        int d = Dims[j], dim = BlockDim;
        Span<double> coef = stackalloc double[d];
        for (int c = 0; c < d; c++)
        {
            double s = 0;
            for (int r = 0; r < dim; r++) s += _basis[j][r * d + c] * (block[r] - _offset[j][r]);
            coef[c] = s;
        }
        double sum = 0;
        for (int r = 0; r < dim; r++)
        {
            double p = _offset[j][r];
            for (int c = 0; c < d; c++) p += _basis[j][r * d + c] * coef[c];
            if (!projection.IsEmpty) projection[r] = p;
            double e = block[r] - p;
            sum += e * e;
        }
        return sum;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
        ["dims"] = Dims,
        ["offsets"] = _offset,
        ["bases"] = _basis,
    };
}

using MathNet.Numerics.LinearAlgebra;
using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// x = (A z, 0_p) with z ~ N(0, I_k), A in R^{D x k} with N(0, 1) entries, redrawn until it has rank
/// min(D, k). r = min(D, k), n = D + p.
/// </summary>
public sealed class LinearFamily : DataFamily
{
    private readonly float[] _aT;
    private readonly Matrix<double> _projector;
    private float[] _z = [], _block = [];

    /// <summary>A with <paramref name="dataDim"/> rows and <paramref name="rank"/> columns drawn from stream "family" of <paramref name="dataSeed"/>, then <paramref name="padding"/> zero coordinates.</summary>
    public LinearFamily(int dataDim, int rank, int padding, ulong dataSeed, float noiseVariance = 0f)
        : base(dataDim, padding, Math.Min(dataDim, rank), noiseVariance)
    {
        Rank = rank;
        var rng = RngStreams.Create(dataSeed, "family");
        Matrix<double> a;
        do a = Matrix<double>.Build.Dense(dataDim, rank, (_, _) => rng.NextNormal());
        while (a.Rank() < Math.Min(dataDim, rank));
        A = a;
        _aT = new float[rank * dataDim];
        for (int i = 0; i < dataDim; i++)
            for (int j = 0; j < rank; j++) _aT[j * dataDim + i] = (float)a[i, j];
        var u = a.Svd(computeVectors: true).U.SubMatrix(0, dataDim, 0, IntrinsicDim);
        _projector = u * u.Transpose();
        Basis = u;
    }

    /// <inheritdoc/>
    public override string Name => "linear";

    /// <summary>k, the number of columns of A.</summary>
    public int Rank { get; }

    /// <summary>A (D x k), in double.</summary>
    public Matrix<double> A { get; }

    /// <summary>An orthonormal basis of range(A) (D x r).</summary>
    public Matrix<double> Basis { get; }

    /// <summary>P_A, the orthogonal projector onto range(A) (D x D).</summary>
    public Matrix<double> Projector => _projector;

    /// <summary>The data covariance A Aᵀ (D x D); the full covariance pads it with zeros.</summary>
    public Matrix<double> Covariance => A * A.Transpose();

    /// <summary>E‖A z‖² = tr(A Aᵀ) = ‖A‖_F².</summary>
    protected override double NoiseFreeMeanSquaredNorm => A.FrobeniusNorm() * A.FrobeniusNorm();

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        Span<float> z = Scratch(ref _z, count * Rank);
        normal.Fill(z);
        Span<float> block = Scratch(ref _block, count * BlockDim);
        Gemm.MatMul(z, _aT, default, block, count, Rank, BlockDim, accumulate: false);
        for (int i = 0; i < count; i++) block.Slice(i * BlockDim, BlockDim).CopyTo(x.Slice(i * AmbientDim, BlockDim));
    }

    /// <inheritdoc/>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double sum = 0;
        for (int i = 0; i < BlockDim; i++)
        {
            double residual = block[i];
            for (int j = 0; j < BlockDim; j++) residual -= _projector[i, j] * block[j];
            sum += residual * residual;
        }
        return sum;
    }

    /// <inheritdoc/>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        for (int i = 0; i < BlockDim; i++)
        {
            double v = 0;
            for (int j = 0; j < BlockDim; j++) v += _projector[i, j] * block[j];
            dst[i] = v;
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
        ["A"] = Enumerable.Range(0, BlockDim).Select(i => Enumerable.Range(0, Rank).Select(j => A[i, j]).ToArray()).ToArray(),
    };
}

using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>
/// Measures <see cref="TrajectoryRow"/>s during training on a copy of the model, with fixed points drawn once from streams of
/// their own ("trajectory-truth", "trajectory-latent", "trajectory-jacobian"): the training model, its streams and therefore
/// metrics.csv and model.safetensors are untouched.
/// </summary>
public sealed class TrajectoryProbe
{
    private const int Points = 1000, JacobianPoints = 200;
    private readonly DataFamily _family;
    private readonly Vae _copy;
    private readonly float[] _truth, _latents, _jacobian, _generated;
    private readonly double _activeThreshold, _rankThreshold;

    /// <param name="copy">a model of the same architecture, overwritten at each measurement.</param>
    public TrajectoryProbe(DataFamily family, Vae copy, ulong seed, double activeThreshold, double rankThreshold = 1e-2)
    {
        _family = family;
        _copy = copy;
        _activeThreshold = activeThreshold;
        _rankThreshold = rankThreshold;
        _truth = new float[Points * family.AmbientDim];
        family.Sample(_truth, Points, RngStreams.Normal(seed, "trajectory-truth"));
        _latents = new float[Points * copy.LatentDim];
        RngStreams.Normal(seed, "trajectory-latent").Fill(_latents);
        _jacobian = new float[JacobianPoints * copy.LatentDim];
        RngStreams.Normal(seed, "trajectory-jacobian").Fill(_jacobian);
        _generated = new float[Points * family.AmbientDim];
    }

    /// <summary>The diagnostics of <paramref name="model"/> at <paramref name="step"/>, its encoder variances given.</summary>
    public TrajectoryRow Measure(Vae model, long step, IReadOnlyList<double> encoderVariances)
    {
        model.Parameters.Values.CopyTo(_copy.Parameters.Values, 0);
        double signal = _family.MeanSquaredNorm;
        _copy.Decode(_latents, _generated, Points);
        double excess = Analyzer.OffManifold(_family, _generated, signal).RelativeToSignal;
        double containment = Containment.Measure(_copy, _truth, Points, signal);
        var w = Analyzer.AffineWeights(_copy);
        int rank;
        double covariance = double.NaN;
        if (w != null)
        {
            rank = LinearAlgebra.Rank(LinearAlgebra.SingularValues(w), _rankThreshold);
            if (_family is LinearFamily linear)
            {
                var block = w.SubMatrix(0, linear.BlockDim, 0, w.ColumnCount);
                covariance = LinearAlgebra.RelativeFrobeniusError(linear.Projector * block * block.Transpose() * linear.Projector, linear.Covariance);
            }
        }
        else
        {
            var ranks = DecoderJacobian.SpectraAt(_copy, _jacobian, JacobianPoints).Select(s => LinearAlgebra.Rank(s, _rankThreshold)).Order().ToArray();
            rank = ranks[ranks.Length / 2];
        }
        int active = encoderVariances.Count(v => v < _activeThreshold);
        return new TrajectoryRow(step, Math.Exp(model.DecoderLogVariance), active, rank, excess, containment, covariance);
    }
}

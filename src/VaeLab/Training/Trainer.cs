using System.Diagnostics;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Training;

/// <summary>
/// Trains a <see cref="Vae"/> on a data source (a family, or stage-1 latent codes). Each step draws a batch (fresh, or from a fixed training
/// set), the reparameterisation and decoder noise, evaluates the negative ELBO with its gradient and takes
/// one optimiser step. After warm-up a step allocates nothing.
/// </summary>
public sealed class Trainer
{
    private readonly IDataSource _source;
    private readonly NormalSampler _data, _noise;
    private readonly Xoshiro256StarStar _shuffle;
    private readonly float[] _x, _xi1, _xi2;
    private readonly float[]? _trainingSet;
    private readonly int[]? _order;
    private int _cursor;
    private double _windowLoss, _windowKl, _windowNll;
    private int _window;

    /// <summary>
    /// Trains on <paramref name="family"/>: fresh batches, or a fixed set of options.TrainingSetSize points drawn
    /// once; or, when <paramref name="trainingSet"/> is given (rows, n), on those points, reshuffled every epoch.
    /// </summary>
    public Trainer(Vae vae, IDataSource family, TrainingOptions options, float[]? trainingSet = null)
    {
        if (vae.InputDim != family.AmbientDim)
            throw new ArgumentException($"model input {vae.InputDim} does not match the data's n = {family.AmbientDim}.");
        if (options.BatchSize > vae.MaxBatch)
            throw new ArgumentException($"batch {options.BatchSize} exceeds the model's buffers ({vae.MaxBatch}).");
        Vae = vae;
        _source = family;
        Options = options;
        _data = RngStreams.Normal(options.Seed, "data");
        _noise = RngStreams.Normal(options.Seed, "noise");
        _shuffle = RngStreams.Create(options.Seed, "shuffle");
        _x = new float[options.BatchSize * vae.InputDim];
        _xi1 = new float[options.BatchSize * vae.LatentDim];
        _xi2 = new float[options.BatchSize * vae.InputDim];
        Optimizer = options.Optimizer switch
        {
            OptimizerKind.Adam => new Adam(vae.Parameters.Count, options.LearningRate),
            OptimizerKind.Sgd => new Sgd(options.LearningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "unknown optimizer"),
        };
        if (trainingSet != null)
        {
            _trainingSet = trainingSet;
            _order = Enumerable.Range(0, trainingSet.Length / vae.InputDim).ToArray();
            _cursor = _order.Length;
        }
        else if (options.TrainingSetSize > 0)
        {
            _trainingSet = new float[options.TrainingSetSize * vae.InputDim];
            family.Sample(_trainingSet, options.TrainingSetSize, _data);
            _order = Enumerable.Range(0, options.TrainingSetSize).ToArray();
            _cursor = _order.Length;
        }
    }

    /// <summary>The model being trained.</summary>
    public Vae Vae { get; }
    /// <summary>Batch size, steps, seeds and logging of this training.</summary>
    public TrainingOptions Options { get; }
    /// <summary>The optimiser updating the model's parameters.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>Steps taken so far.</summary>
    public long Step => Optimizer.StepCount;

    /// <summary>One training step; returns the batch loss terms. Throws <see cref="TrainingDivergedException"/> on NaN/Inf.</summary>
    public LossTerms TrainStep()
    {
        int batch = Options.BatchSize;
        NextBatch(batch);
        _noise.Fill(_xi1);
        if (Vae.Architecture.NoiseInLoss) _noise.Fill(_xi2);
        Vae.Parameters.ZeroGrad();
        var terms = Vae.Loss(_x, _xi1, _xi2, batch, backward: true);
        if (!terms.IsFinite)
            throw new TrainingDivergedException(
                $"training diverged at step {Step + 1}: loss {terms.Loss}, KL {terms.Kl}, NLL {terms.Nll}, decoder log-variance {Vae.DecoderLogVariance}; try a smaller --learning-rate.");
        Optimizer.Step(Vae.Parameters.Values, Vae.Parameters.Gradients);
        return terms;
    }

    /// <summary>
    /// Trains until <see cref="Step"/> reaches <paramref name="untilStep"/>, calling <paramref name="log"/> every
    /// <paramref name="logEvery"/> steps (and at <paramref name="untilStep"/>) with the means since the previous row,
    /// and <paramref name="checkpoint"/> every <paramref name="checkpointEvery"/> steps (0: never). Stops early when
    /// cancelled. The window sums live in the trainer, so a checkpoint taken anywhere resumes identically.
    /// </summary>
    public void Run(long untilStep, int logEvery, Action<MetricsRow> log, CancellationToken cancel = default,
        int checkpointEvery = 0, Action? checkpoint = null)
    {
        var clock = Stopwatch.StartNew();
        while (Step < untilStep)
        {
            if (cancel.IsCancellationRequested) break;
            var t = TrainStep();
            _windowLoss += t.Loss; _windowKl += t.Kl; _windowNll += t.Nll; _window++;
            if (Step % logEvery == 0 || Step == untilStep)
            {
                log(new MetricsRow(Step, _windowLoss / _window, _windowKl / _window, _windowNll / _window, Vae.DecoderLogVariance, ActiveLatents(), clock.Elapsed.TotalSeconds));
                _windowLoss = _windowKl = _windowNll = 0;
                _window = 0;
            }
            if (checkpointEvery > 0 && Step % checkpointEvery == 0) checkpoint?.Invoke();
        }
    }

    /// <summary>Everything needed to continue bit-identically: parameters, optimiser, random streams, batch and window state.</summary>
    public TrainerState GetState() => new(Step, (float[])Vae.Parameters.Values.Clone(), Optimizer.GetState(), _data.GetState(), _noise.GetState(),
        _shuffle.GetState(), _cursor, (int[]?)_order?.Clone(), (float[])_x.Clone(), [_windowLoss, _windowKl, _windowNll], _window);

    /// <summary>Restores what <see cref="GetState"/> returned (for the same config).</summary>
    public void SetState(TrainerState s)
    {
        if (s.Parameters.Length != Vae.Parameters.Count || s.Batch.Length != _x.Length)
            throw new InvalidDataException($"checkpoint does not match this model ({s.Parameters.Length} parameters, expected {Vae.Parameters.Count}).");
        var expected = GetState();
        bool shapesMatch = s.Optimizer.Length == expected.Optimizer.Length && s.Optimizer.Zip(expected.Optimizer).All(p => p.First.Length == p.Second.Length)
            && s.DataRng.Length == expected.DataRng.Length && s.NoiseRng.Length == expected.NoiseRng.Length && s.ShuffleRng.Length == expected.ShuffleRng.Length
            && (s.Order?.Length ?? -1) == (_order?.Length ?? -1) && s.Window.Length == 3
            && (s.Order == null || (s.Cursor <= s.Order.Length && s.Order.All(i => (uint)i < (uint)s.Order.Length)));
        if (!shapesMatch) throw new InvalidDataException("checkpoint does not match this run (optimizer, random-state, or training-set order of another shape, or a cursor out of range).");
        s.Parameters.CopyTo(Vae.Parameters.Values, 0);
        Optimizer.SetState(s.Optimizer, s.Step);
        _data.SetState(s.DataRng);
        _noise.SetState(s.NoiseRng);
        _shuffle.SetState(s.ShuffleRng);
        _cursor = s.Cursor;
        if (_order != null && s.Order != null) s.Order.CopyTo(_order, 0);
        s.Batch.CopyTo(_x, 0);
        (_windowLoss, _windowKl, _windowNll, _window) = (s.Window[0], s.Window[1], s.Window[2], s.WindowCount);
    }

    /// <summary>Encoder variances exp(l_j): the global vector, or the batch mean for an amortized encoder.</summary>
    public double[] EncoderVariances()
    {
        int m = Vae.LatentDim;
        var result = new double[m];
        if (Vae.Architecture.EncoderVariance == EncoderVarianceKind.Global)
        {
            var l = Vae.Parameters.Value(Vae.Encoder.GlobalLogVariance!);
            for (int j = 0; j < m; j++) result[j] = Math.Exp(l[j]);
            return result;
        }
        int batch = Options.BatchSize;
        Vae.Encoder.Forward(_x, batch);
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < m; j++) result[j] += Math.Exp(Vae.Encoder.LogVariance[b * m + j]) / batch;
        return result;
    }

    /// <summary>Number of latents whose encoder variance is below the active threshold.</summary>
    public int ActiveLatents() => EncoderVariances().Count(v => v < Options.ActiveThreshold);

    private void NextBatch(int batch)
    {
        int n = Vae.InputDim;
        if (_trainingSet == null)
        {
            _source.Sample(_x, batch, _data);
            return;
        }
        for (int b = 0; b < batch; b++)
        {
            if (_cursor == _order!.Length)
            {
                _shuffle.Shuffle(_order.AsSpan());
                _cursor = 0;
            }
            _trainingSet.AsSpan(_order[_cursor++] * n, n).CopyTo(_x.AsSpan(b * n, n));
        }
    }
}

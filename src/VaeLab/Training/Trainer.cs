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

    public Trainer(Vae vae, IDataSource family, TrainingOptions options)
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
        Optimizer = options.Optimizer == "sgd" ? new Sgd(options.LearningRate) : new Adam(vae.Parameters.Count, options.LearningRate);
        if (options.TrainingSetSize > 0)
        {
            _trainingSet = new float[options.TrainingSetSize * vae.InputDim];
            family.Sample(_trainingSet, options.TrainingSetSize, _data);
            _order = Enumerable.Range(0, options.TrainingSetSize).ToArray();
            _cursor = _order.Length;
        }
    }

    public Vae Vae { get; }
    public TrainingOptions Options { get; }
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
    /// Runs <paramref name="steps"/> steps, calling <paramref name="log"/> every <paramref name="logEvery"/>
    /// steps (and at the last) with the means since the previous row. Stops early when cancelled.
    /// </summary>
    public void Run(long steps, int logEvery, Action<MetricsRow> log, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        double loss = 0, kl = 0, nll = 0;
        int window = 0;
        for (long i = 0; i < steps; i++)
        {
            if (cancel.IsCancellationRequested) break;
            var t = TrainStep();
            loss += t.Loss; kl += t.Kl; nll += t.Nll; window++;
            if (Step % logEvery == 0 || i == steps - 1)
            {
                log(new MetricsRow(Step, loss / window, kl / window, nll / window, Vae.DecoderLogVariance, ActiveLatents(), clock.Elapsed.TotalSeconds));
                loss = kl = nll = 0;
                window = 0;
            }
        }
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
                for (int i = _order.Length - 1; i > 0; i--)
                {
                    int j = _shuffle.NextInt(i + 1);
                    (_order[i], _order[j]) = (_order[j], _order[i]);
                }
                _cursor = 0;
            }
            _trainingSet.AsSpan(_order[_cursor++] * n, n).CopyTo(_x.AsSpan(b * n, n));
        }
    }
}

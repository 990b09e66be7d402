using VaeLab.Data;
using VaeLab.Configuration;
using VaeLab.Runs;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Benchmarking;

/// <summary>
/// One training workload ready to time: its trainer, the GEMM FLOPs of one step, and a sampler that draws exactly
/// the data and noise one step draws (the sampling floor), into buffers of its own.
/// </summary>
public sealed class StepWorkload
{
    private readonly IDataSource _source;
    private readonly NormalSampler _normal = RngStreams.Normal(12345, "bench-sampling");
    private readonly float[] _x, _xi1, _xi2;
    private readonly int _batch;
    private readonly bool _noiseInLoss;

    private StepWorkload(string name, Trainer trainer, IDataSource source, long flopsPerStep)
    {
        Name = name;
        Trainer = trainer;
        FlopsPerStep = flopsPerStep;
        _source = source;
        _batch = trainer.Options.BatchSize;
        _noiseInLoss = trainer.Vae.Architecture.NoiseInLoss;
        _x = new float[_batch * trainer.Vae.InputDim];
        _xi1 = new float[_batch * trainer.Vae.LatentDim];
        _xi2 = new float[_batch * trainer.Vae.InputDim];
    }

    /// <summary>The workload's name in `vaelab bench`.</summary>
    public string Name { get; }

    /// <summary>The trainer whose steps are timed.</summary>
    public Trainer Trainer { get; }

    /// <summary>GEMM FLOPs of one step: forward, weight-gradient and input-gradient products of every Linear layer
    /// (<see cref="Flops.TrainingStep"/>), plus the stage-1 encoder's forward pass that makes stage-2 data.</summary>
    public long FlopsPerStep { get; }

    /// <summary>Draws one step's data batch and noise (what <see cref="Trainer.TrainStep"/> draws before its forward pass).</summary>
    public void SampleOnly()
    {
        _source.Sample(_x, _batch, _normal);
        _normal.Fill(_xi1);
        if (_noiseInLoss) _normal.Fill(_xi2);
    }

    /// <summary>A stage-1 workload for <paramref name="config"/>: the model and data a run of it trains on.</summary>
    public static StepWorkload Stage1(string name, RunConfig config)
    {
        var family = RunFactory.CreateFamily(config);
        var trainer = RunFactory.CreateTrainer(config, RunFactory.CreateModel(config, config.BatchSize), family);
        return new StepWorkload(name, trainer, family, Flops.TrainingStep(trainer.Vae, config.BatchSize));
    }

    /// <summary>
    /// A stage-2 workload: the stage-2 VAE of <paramref name="config"/> (its Stage2Hidden MLPs) on codes from a freshly
    /// initialised stage-1 encoder, exactly as a two-stage run's second stage draws them.
    /// </summary>
    public static StepWorkload Stage2(string name, RunConfig config)
    {
        var stage1 = RunFactory.CreateModel(config, config.BatchSize);
        var codes = new LatentCodeSource(stage1, RunFactory.CreateFamily(config), config.BatchSize);
        var trainer = RunFactory.CreateStage2Trainer(config, RunFactory.CreateStage2Model(config, config.BatchSize), codes);
        long flops = Flops.TrainingStep(trainer.Vae, config.BatchSize) + Flops.EncoderForward(stage1, config.BatchSize);
        return new StepWorkload(name, trainer, codes, flops);
    }
}

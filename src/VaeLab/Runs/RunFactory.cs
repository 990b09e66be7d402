using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Runs;

/// <summary>
/// The one place a config becomes objects: its data family, its stage-1 and stage-2 models and their trainers.
/// Everything that trains or times a config (RunExecutor, StepBenchmark, the benchmarks, the tests) builds through here.
/// </summary>
public static class RunFactory
{
    /// <summary>The family a config describes.</summary>
    public static DataFamily CreateFamily(RunConfig c) =>
        DataFamilyFactory.Create(c.Family, c.DataDim, c.LinearRank, c.Padding, c.DataSeed, (float)c.NoiseVariance, c.Rotate, c.UnionDims);

    /// <summary>A freshly initialised model for a config (stream "init" of the model seed).</summary>
    public static Vae CreateModel(RunConfig c, int maxBatch) => new(c.ToArchitecture(), maxBatch, RngStreams.Create(c.Seed, "init"));

    /// <summary>A freshly initialised stage-2 model (stream "stage2-init" of the model seed).</summary>
    public static Vae CreateStage2Model(RunConfig c, int maxBatch) => new(c.ToStage2Architecture(), maxBatch, RngStreams.Create(c.Seed, "stage2-init"));

    /// <summary>
    /// The stage-1 trainer of a config: its optimizer, learning rate, batch and training-set size, seeded by the model seed.
    /// <paramref name="trainingSet"/> is a fixed training set (your own data), or null.
    /// </summary>
    public static Trainer CreateTrainer(RunConfig c, Vae model, IDataSource data, float[]? trainingSet = null) =>
        new(model, data, new TrainingOptions(c.BatchSize, (float)c.LearningRate, c.Optimizer, c.TrainingSetSize, c.Seed, c.ActiveThreshold), trainingSet);

    /// <summary>The stage-2 trainer: Adam at the stage-2 learning rate on fresh latent codes, seeded by stream "stage2".</summary>
    public static Trainer CreateStage2Trainer(RunConfig c, Vae stage2, IDataSource codes) =>
        new(stage2, codes, new TrainingOptions(c.BatchSize, (float)c.Stage2LearningRateResolved, OptimizerKind.Adam, 0, Stage2Seed(c), c.ActiveThreshold));

    /// <summary>The seed of stage 2's trainer and loss estimate.</summary>
    public static ulong Stage2Seed(RunConfig c) => RngStreams.DeriveSeed(c.Seed, "stage2");

    /// <summary>A stage-1 trainer on the config's own family (no data file): what benchmarks and tests time and check.</summary>
    public static Trainer CreateTrainer(RunConfig c) => CreateTrainer(c, CreateModel(c, c.BatchSize), CreateFamily(c));
}

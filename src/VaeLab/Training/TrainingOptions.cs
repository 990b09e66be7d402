namespace VaeLab.Training;

/// <summary>How a <see cref="Trainer"/> steps.</summary>
/// <param name="BatchSize">samples per step.</param>
/// <param name="LearningRate">step size of Adam or SGD.</param>
/// <param name="Optimizer">Adam or SGD.</param>
/// <param name="TrainingSetSize">0 for fresh samples each step; else a fixed set drawn once, reshuffled each epoch.</param>
/// <param name="Seed">model seed: streams init, data, noise, shuffle.</param>
/// <param name="ActiveThreshold">encoder variance below which a latent counts as active.</param>
public sealed record TrainingOptions(int BatchSize, float LearningRate, OptimizerKind Optimizer, int TrainingSetSize, ulong Seed, double ActiveThreshold);

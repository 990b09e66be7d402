namespace VaeLab.Runs;

/// <summary>What a --data-file run trained on. Mean and Std are empty when the data were not standardised.</summary>
public sealed record DataFileSummary(string Path, int TrainRows, int HeldOutRows, double HeldOutLoss, double HeldOutLossStandardError, double[] Mean, double[] Std);

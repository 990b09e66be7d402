namespace VaeLab.Theory;

/// <summary>The loss along the superset construction for one s.</summary>
public sealed record SupersetRow(int Extra, double[] Losses, double FittedSlope, double PredictedSlope, double OffSubspaceEnergy, double OffSubspaceSampled);

namespace VaeLab.Training;

/// <summary>The loss became NaN or infinite; the message names the step and the loss terms.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

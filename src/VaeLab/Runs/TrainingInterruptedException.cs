namespace VaeLab.Runs;

/// <summary>The run stopped on request; its checkpoint is saved in the partial folder.</summary>
public sealed class TrainingInterruptedException(string message) : OperationCanceledException(message);

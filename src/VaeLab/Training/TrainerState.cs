namespace VaeLab.Training;

/// <summary>
/// A trainer's complete state at a step; see <see cref="Checkpoint"/> for its file format. <see cref="LogLengths"/>
/// holds the byte lengths of the run's log files at that step, so that a resumed run cuts them back exactly.
/// </summary>
public sealed record TrainerState(long Step, float[] Parameters, float[][] Optimizer, ulong[] DataRng, ulong[] NoiseRng, ulong[] ShuffleRng,
    int Cursor, int[]? Order, float[] Batch, double[] Window, int WindowCount)
{
    /// <summary>Byte lengths of the run's log files at this step.</summary>
    public long[] LogLengths { get; init; } = [];

    /// <summary>SHA-256 (hex) of the run's resolved config when the checkpoint was written; "" when unknown.</summary>
    public string ConfigHash { get; init; } = "";
}

using VaeLab.Configuration;
using VaeLab.Data;
using VaeLab.Models;

namespace VaeLab.Runs;

/// <summary>
/// A run whose stage 1 is trained and evaluated (its partial folder holds the stage-1 checkpoint) but whose stage 2 and
/// summary are still to come: what <see cref="RunExecutor.TrainStage1"/> hands to <see cref="RunExecutor.Finish"/>.
/// </summary>
public sealed record TrainedStage1(RunConfig Config, string OutDir, Vae Model, IDataSource Family, long Steps, double WallSeconds,
    LossTerms Final, double FinalStandardError, double[] EncoderVariances, DataFileSummary? DataFile)
{
    /// <summary>The partial folder's lock when <see cref="RunExecutor.TrainStage1"/> took it itself; <see cref="RunExecutor.Finish"/> releases it.</summary>
    public RunLock? OwnedLock { get; init; }
}

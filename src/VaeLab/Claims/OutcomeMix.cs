using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>How the runs of one configuration (or a whole grid, Configuration null) ended: the counts behind the stacked bar figure.</summary>
public sealed record OutcomeMix(string Grid, string? Configuration, int Collapsed, int Correct, int StrictSuperset, int Wrong)
{
    /// <summary>Every run, collapsed ones included.</summary>
    public int Total => Collapsed + Correct + StrictSuperset + Wrong;
    /// <summary>The runs that did not collapse.</summary>
    public int Trained => Correct + StrictSuperset + Wrong;

    /// <summary>The count of one outcome.</summary>
    public int Count(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Collapsed => Collapsed,
        RunOutcome.Correct => Correct,
        RunOutcome.StrictSuperset => StrictSuperset,
        _ => Wrong,
    };

    /// <summary>Strict supersets among trained runs, with the Wilson interval.</summary>
    public Proportion SupersetShare => Proportion.Of(StrictSuperset, Trained);
}

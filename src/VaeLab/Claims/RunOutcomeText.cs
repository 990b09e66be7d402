using VaeLab.Diagnostics;

namespace VaeLab.Claims;

/// <summary>The names of <see cref="RunOutcome"/> as results.csv and the report write them.</summary>
public static class RunOutcomeText
{
    /// <summary>Every outcome, in the order tables and the stacked bar figure list them.</summary>
    public static readonly RunOutcome[] All = [RunOutcome.Collapsed, RunOutcome.Correct, RunOutcome.StrictSuperset, RunOutcome.Wrong];

    /// <summary>"collapsed", "correct", "strict-superset" or "wrong".</summary>
    public static string Name(this RunOutcome outcome) => outcome switch
    {
        RunOutcome.Collapsed => "collapsed",
        RunOutcome.Correct => "correct",
        RunOutcome.StrictSuperset => "strict-superset",
        _ => "wrong",
    };
}

using System.Globalization;

namespace VaeLab.Claims;

/// <summary>
/// Whether a cheaper profile's tally of one claim on one grid agrees with the paper profile's (SCIENCE.md section 9: a profile
/// may save steps, seeds or configurations only where every per-grid verdict agrees). Two tallies agree when their rates are
/// statistically indistinguishable (Newcombe's 95% interval for the difference contains 0) and, where the paper profile is
/// decisive (its Wilson interval lies on one side of one half), the other profile's estimate lies on the same side.
/// </summary>
/// <param name="Claim">C1..C9, or "collapsed" for the share of runs that did not train.</param>
/// <param name="Grid">linear, sigmoid or sphere.</param>
/// <param name="Other">the cheaper profile's count.</param>
/// <param name="Paper">the paper profile's count.</param>
/// <param name="Agrees">true when the two agree as above.</param>
/// <param name="Why">the reason in words.</param>
public sealed record ProfileAgreement(string Claim, string Grid, Proportion Other, Proportion Paper, bool Agrees, string Why)
{
    /// <summary>Judges <paramref name="other"/> against <paramref name="paper"/>.</summary>
    public static ProfileAgreement Judge(string claim, string grid, Proportion other, Proportion paper)
    {
        if (other.Trials == 0 || paper.Trials == 0)
        {
            bool both = other.Trials == 0 && paper.Trials == 0;
            return new(claim, grid, other, paper, both, both ? "neither profile has a run to judge" :
                other.Trials == 0 ? "only the paper profile has runs to judge" : "only this profile has runs to judge");
        }
        var (lower, upper) = RateDifference.Of(other, paper);
        string difference = string.Create(CultureInfo.InvariantCulture, $"difference {100 * (other.Fraction - paper.Fraction):+0;-0;0} points [{100 * lower:+0;-0;0}, {100 * upper:+0;-0;0}]");
        if (lower > 0 || upper < 0) return new(claim, grid, other, paper, false, difference + ": the rates differ");
        bool paperAbove = paper.Lower > 0.5, paperBelow = paper.Upper < 0.5;
        if (paperAbove && !(other.Fraction > 0.5)) return new(claim, grid, other, paper, false, difference + ": the paper profile is above one half, this one is not");
        if (paperBelow && !(other.Fraction < 0.5)) return new(claim, grid, other, paper, false, difference + ": the paper profile is below one half, this one is not");
        return new(claim, grid, other, paper, true, difference + (paperAbove || paperBelow ? ", same side of one half" : "; the paper profile does not decide the side either"));
    }
}

using System.Globalization;

namespace VaeLab.Claims;

/// <summary>
/// Whether a cheaper profile's tally of one claim on one grid agrees with the paper profile's (SCIENCE.md section 9: a profile
/// may save steps, seeds or configurations only where every per-grid verdict agrees). They agree when their verdicts are on
/// the same side (<see cref="Proportion.Side"/>: holds or mostly holds; split; mostly fails or fails) and their rates are
/// statistically indistinguishable: Newcombe's 95% interval for the difference contains 0. The difference is taken against
/// the paper profile's runs that the cheaper profile does not share, so that the two samples are independent; when it
/// shares them all (the same stage-1 runs, only stage 2 shorter) only the sides are compared.
/// </summary>
/// <param name="Claim">C1..C9, or "collapsed" for the share of runs that did not train.</param>
/// <param name="Grid">linear, sigmoid or sphere.</param>
/// <param name="Other">the cheaper profile's count.</param>
/// <param name="Paper">the paper profile's count over all its runs (its verdict).</param>
/// <param name="PaperOnly">the paper profile's count over the runs the cheaper profile does not share.</param>
/// <param name="Agrees">true when the two agree as above.</param>
/// <param name="Why">the reason in words.</param>
public sealed record ProfileAgreement(string Claim, string Grid, Proportion Other, Proportion Paper, Proportion PaperOnly, bool Agrees, string Why)
{
    /// <summary>Judges <paramref name="other"/> against <paramref name="paper"/> (difference against <paramref name="paperOnly"/>).</summary>
    public static ProfileAgreement Judge(string claim, string grid, Proportion other, Proportion paper, Proportion paperOnly)
    {
        if (other.Trials == 0 || paper.Trials == 0)
        {
            bool both = other.Trials == 0 && paper.Trials == 0;
            return new(claim, grid, other, paper, paperOnly, both, both ? "neither profile has a run to judge" :
                other.Trials == 0 ? "only the paper profile has runs to judge" : "only this profile has runs to judge");
        }
        string sides = other.Side == paper.Side ? $"both: {SideName(claim, paper)}" : $"{SideName(claim, other)} here, {SideName(claim, paper)} in the paper profile";
        // Every paper run shared: the same stage-1 runs (only stage 2 may differ), so there is no independent sample to test.
        if (paperOnly.Trials == 0) return new(claim, grid, other, paper, paperOnly, other.Side == paper.Side, sides + "; sides only: every paper run is shared (same stage-1 runs)");
        var (lower, upper) = RateDifference.Of(other, paperOnly);
        string difference = string.Create(CultureInfo.InvariantCulture,
            $"difference {Points(other.Fraction - paperOnly.Fraction)} points [{Points(lower)}, {Points(upper)}] against the {paperOnly.Trials} paper runs not shared");
        bool differ = lower > 0 || upper < 0;
        return new(claim, grid, other, paper, paperOnly, other.Side == paper.Side && !differ, sides + "; " + difference + (differ ? ": the rates differ" : ""));
    }

    // The side of one half in words; for the collapsed share "holds" means "collapsed", so it is named for what the runs did.
    private static string SideName(string claim, Proportion p) => claim == "collapsed"
        ? p.Successes == 0 ? "none collapse" : p.Successes == p.Trials ? "all collapse" : p.Side > 0 ? "most collapse" : p.Side < 0 ? "most train" : "split"
        : p.Side > 0 ? "holds side" : p.Side < 0 ? "fails side" : "split";

    private static string Points(double x) => (100 * x).ToString("+0;-0;0", CultureInfo.InvariantCulture);
}

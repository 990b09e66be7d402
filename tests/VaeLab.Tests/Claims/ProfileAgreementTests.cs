using VaeLab.Claims;

namespace VaeLab.Tests.Claims;

public class ProfileAgreementTests
{
    // The paper profile's verdict over all its runs; the difference against its runs the other profile does not share.
    private static ProfileAgreement J(int a, int m, int b, int n, int c, int o) =>
        ProfileAgreement.Judge("C6", "sigmoid", Proportion.Of(a, m), Proportion.Of(b, n), Proportion.Of(c, o));

    [Fact]
    public void Same_side_and_indistinguishable_rates_agree()
    {
        Assert.True(J(7, 18, 14, 36, 7, 18).Agrees);    // both split (39% [25%, 55%])
        Assert.True(J(2, 2, 24, 24, 22, 22).Agrees);    // both holds
        Assert.True(J(16, 18, 33, 36, 17, 18).Agrees);  // mostly holds both
    }

    [Fact]
    public void Different_sides_or_different_rates_do_not_agree()
    {
        var side = J(12, 21, 30, 42, 18, 21);            // split (57% [37%, 76%]) against mostly holds (71% [56%, 83%])
        Assert.False(side.Agrees);
        Assert.Contains("split here, holds side in the paper profile", side.Why);
        var rate = J(0, 18, 30, 36, 18, 18);             // 0% against 100% of the runs not shared
        Assert.False(rate.Agrees);
        Assert.Contains("the rates differ", rate.Why);
        Assert.True(J(3, 3, 10, 10, 0, 0).Agrees);      // every paper run shared: only the sides are compared
        Assert.False(J(1, 3, 10, 10, 0, 0).Agrees);
    }

    [Fact]
    public void The_collapsed_share_is_named_for_what_the_runs_did()
    {
        var none = ProfileAgreement.Judge("collapsed", "sigmoid", Proportion.Of(0, 36), Proportion.Of(0, 36), Proportion.Of(0, 0));
        Assert.True(none.Agrees);
        Assert.StartsWith("both: none collapse; sides only", none.Why);
        var most = ProfileAgreement.Judge("collapsed", "sphere", Proportion.Of(14, 15), Proportion.Of(3, 30), Proportion.Of(1, 15));
        Assert.False(most.Agrees);
        Assert.StartsWith("most collapse here, most train in the paper profile", most.Why);
    }

    [Fact]
    public void Runs_in_only_one_profile_do_not_agree()
    {
        Assert.False(J(0, 0, 12, 24, 12, 24).Agrees);
        Assert.True(J(0, 0, 0, 0, 0, 0).Agrees);
    }
}

using VaeLab.Claims;

namespace VaeLab.Tests.Claims;

public class ProfileAgreementTests
{
    private static ProfileAgreement J(int a, int m, int b, int n) => ProfileAgreement.Judge("C6", "sigmoid", Proportion.Of(a, m), Proportion.Of(b, n));

    [Fact]
    public void A_subset_with_the_same_rate_agrees_and_a_different_rate_does_not()
    {
        Assert.True(J(7, 18, 14, 36).Agrees);   // paper split (39% [25%, 55%]); same rate
        Assert.True(J(2, 2, 24, 24).Agrees);    // paper holds; two of two on the same side
        var differ = J(0, 18, 30, 36);          // 0% against 83%
        Assert.False(differ.Agrees);
        Assert.Contains("rates differ", differ.Why);
    }

    [Fact]
    public void Where_the_paper_profile_is_decisive_the_estimate_must_be_on_its_side()
    {
        // Paper 30/36 = 83% [68%, 92%] lies above one half; 3 of 6 is not above it although the rates do not differ significantly.
        var r = J(3, 6, 30, 36);
        Assert.False(r.Agrees);
        Assert.Contains("above one half", r.Why);
        // Paper split: any statistically indistinguishable rate agrees.
        Assert.True(J(4, 6, 17, 36).Agrees);
    }

    [Fact]
    public void Runs_in_only_one_profile_do_not_agree()
    {
        Assert.False(J(0, 0, 12, 24).Agrees);
        Assert.True(J(0, 0, 0, 0).Agrees);
    }
}

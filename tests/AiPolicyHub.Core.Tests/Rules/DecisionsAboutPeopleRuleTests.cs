using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class DecisionsAboutPeopleRuleTests
{
    private const string Rule = DecisionsAboutPeopleRule.RuleId;

    private static RuleSubject Hiring(HumanOversight oversight, VerificationControls controls) =>
        Compliant() with { AffectsPeople = PeopleImpact.Hiring, Oversight = oversight, Controls = controls };

    [Fact]
    public void A_workflow_that_decides_about_nobody_needs_neither_approval_nor_bias_testing() =>
        Assert.Null(FindingOf(Rule, Compliant() with { Oversight = HumanOversight.None }));

    [Theory]
    [InlineData(HumanOversight.ApprovalBeforeRelease)]
    [InlineData(HumanOversight.TwoPersonApproval)]
    public void Approval_and_bias_testing_together_keep_the_rule(HumanOversight oversight) =>
        Assert.Null(FindingOf(Rule, Hiring(oversight, VerificationControls.BiasTesting)));

    [Fact]
    public void Review_without_approval_is_not_enough_and_is_flagged_as_high_risk()
    {
        var finding = FindingOf(Rule, Hiring(HumanOversight.ReviewBeforeUse, VerificationControls.BiasTesting))!;

        Assert.Equal(FindingSeverity.Critical, finding.Severity);
        Assert.Equal("It makes or supports decisions about hiring, a high-risk use of AI, but no one approves its outcomes before they take effect.",
            finding.Explanation);
        Assert.DoesNotContain("bias", finding.Remedy);
    }

    [Fact]
    public void Approval_without_bias_testing_is_a_finding_about_bias_only()
    {
        var finding = FindingOf(Rule, Hiring(HumanOversight.ApprovalBeforeRelease, VerificationControls.None))!;

        Assert.EndsWith("but its outcomes are not tested for bias.", finding.Explanation);
        Assert.Equal("Test the outcomes for bias regularly and record the results.", finding.Remedy);
    }

    [Fact]
    public void Several_areas_are_all_named()
    {
        var subject = Hiring(HumanOversight.None, VerificationControls.None) with { AffectsPeople = PeopleImpact.Lending | PeopleImpact.Insurance };

        Assert.Contains("decisions about lending and insurance", FindingOf(Rule, subject)!.Explanation);
    }
}

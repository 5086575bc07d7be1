using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class ExternalOutputReviewRuleTests
{
    private const string Rule = ExternalOutputReviewRule.RuleId;

    [Theory]
    [InlineData(Audience.CustomerFacing, HumanOversight.None, true)]
    [InlineData(Audience.CustomerFacing, HumanOversight.SpotCheck, true)]
    [InlineData(Audience.CustomerFacing, HumanOversight.ReviewBeforeUse, false)]
    [InlineData(Audience.Public, HumanOversight.None, true)]
    [InlineData(Audience.Public, HumanOversight.ApprovalBeforeRelease, false)]
    [InlineData(Audience.Regulator, HumanOversight.SpotCheck, true)]
    [InlineData(Audience.Regulator, HumanOversight.TwoPersonApproval, false)]
    [InlineData(Audience.Internal, HumanOversight.None, false)]
    public void Output_for_customers_the_public_or_a_regulator_needs_review_before_use_or_stronger(
        Audience audience, HumanOversight oversight, bool expected) =>
        Assert.Equal(expected, FindingOf(Rule, Compliant() with { Audience = audience, Oversight = oversight, SpotCheckPercent = 50 }) is not null);

    [Fact]
    public void The_explanation_says_who_sees_the_output_and_how_little_it_is_checked()
    {
        var finding = FindingOf(Rule, Compliant() with { Audience = Audience.CustomerFacing, Oversight = HumanOversight.SpotCheck, SpotCheckPercent = 20 })!;

        Assert.Equal("The output is customer-facing, but only a sample of it is spot-checked before it is released.", finding.Explanation);
    }

    [Fact]
    public void The_organisation_chooses_which_audiences_count()
    {
        var settings = RuleSettings.Default.WithParameter(Rule, ExternalOutputReviewRule.AudiencesKey, (int)AudienceSet.Regulator);
        var unreviewed = Compliant() with { Oversight = HumanOversight.None };

        Assert.Null(FindingOf(Rule, unreviewed with { Audience = Audience.Public }, settings));
        Assert.NotNull(FindingOf(Rule, unreviewed with { Audience = Audience.Regulator }, settings));
    }

    [Fact]
    public void No_audience_at_all_is_refused() =>
        Assert.Equal(["Output leaves the business without human review: Choose at least one audience, or turn the rule off."],
            ValidateParameter(Rule, ExternalOutputReviewRule.AudiencesKey, 0));

    [Fact]
    public void An_audience_that_does_not_exist_is_refused() =>
        Assert.Single(ValidateParameter(Rule, ExternalOutputReviewRule.AudiencesKey, 64));
}

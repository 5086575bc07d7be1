using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class AutomationWithSensitiveDataRuleTests
{
    private const string Rule = AutomationWithSensitiveDataRule.RuleId;

    private static RuleSubject Automated(int rank) => Compliant().WithRank(rank) with { Autonomy = Autonomy.ActAutomatically, Tools = [] };

    [Fact]
    public void Full_automation_just_below_the_limit_is_allowed() => Assert.Null(FindingOf(Rule, Automated(2)));

    [Fact]
    public void Full_automation_with_confidential_data_is_a_finding_by_default()
    {
        var finding = FindingOf(Rule, Automated(3))!;

        Assert.Equal("The AI acts automatically on Confidential data; fully automated use is not allowed with Confidential data or above.",
            finding.Explanation);
    }

    [Fact]
    public void A_recommendation_with_restricted_data_is_not_full_automation() =>
        Assert.Null(FindingOf(Rule, Automated(4) with { Autonomy = Autonomy.RecommendDecision }));

    [Fact]
    public void The_organisation_can_lower_the_limit_to_internal_data()
    {
        var settings = RuleSettings.Default.WithParameter(Rule, AutomationWithSensitiveDataRule.MinimumRankKey, 2);

        Assert.Null(FindingOf(Rule, Automated(1), settings));
        Assert.Contains("not allowed with Internal data or above", FindingOf(Rule, Automated(2), settings)!.Explanation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_level_the_organisation_does_not_have_is_refused(int rank) =>
        Assert.Equal(["Full automation with sensitive data: The level must be one of the classification levels (Public to Restricted)."],
            ValidateParameter(Rule, AutomationWithSensitiveDataRule.MinimumRankKey, rank));

    [Fact]
    public void The_highest_level_is_a_possible_limit() =>
        Assert.Empty(ValidateParameter(Rule, AutomationWithSensitiveDataRule.MinimumRankKey, 4));
}

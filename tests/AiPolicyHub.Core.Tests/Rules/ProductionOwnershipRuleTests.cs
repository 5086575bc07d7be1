using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class ProductionOwnershipRuleTests
{
    private const string Rule = ProductionOwnershipRule.RuleId;

    [Fact]
    public void A_review_due_today_is_not_overdue() =>
        Assert.Null(FindingOf(Rule, Compliant() with { NextReviewDate = Today }));

    [Fact]
    public void A_review_due_yesterday_is_overdue()
    {
        var finding = FindingOf(Rule, Compliant() with { NextReviewDate = Today.AddDays(-1) })!;

        Assert.Equal("It is in production but was due for review on 14 June 2026.", finding.Explanation);
        Assert.Equal("Have the owner review it and set the next review date.", finding.Remedy);
    }

    [Fact]
    public void A_production_workflow_without_a_review_date_is_a_finding() =>
        Assert.Equal("It is in production but has no review date.",
            FindingOf(Rule, Compliant() with { NextReviewDate = null })!.Explanation);

    [Fact]
    public void A_production_workflow_without_an_owner_is_a_finding() =>
        Assert.Equal("It is in production but has no owner.", FindingOf(Rule, Compliant() with { HasOwner = false })!.Explanation);

    [Fact]
    public void Both_problems_are_named_together() =>
        Assert.Equal("It is in production but has no owner and has no review date.",
            FindingOf(Rule, Compliant() with { HasOwner = false, NextReviewDate = null })!.Explanation);

    [Theory]
    [InlineData(LifecycleStage.Idea)]
    [InlineData(LifecycleStage.Pilot)]
    public void Workflows_not_yet_in_production_need_neither(LifecycleStage stage) =>
        Assert.Null(FindingOf(Rule, Compliant() with { Stage = stage, HasOwner = false, NextReviewDate = Today.AddYears(-1) }));

    [Fact]
    public void Grace_days_delay_overdue_to_the_day_after_the_grace_period()
    {
        var settings = RuleSettings.Default.WithParameter(Rule, ProductionOwnershipRule.GraceDaysKey, 7);

        Assert.Null(FindingOf(Rule, Compliant() with { NextReviewDate = Today.AddDays(-7) }, settings));
        Assert.NotNull(FindingOf(Rule, Compliant() with { NextReviewDate = Today.AddDays(-8) }, settings));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void Negative_or_more_than_a_year_of_grace_is_refused(int days) =>
        Assert.Equal(["Production workflow without an owner or a current review: The grace period must be between 0 and 365."],
            ValidateParameter(Rule, ProductionOwnershipRule.GraceDaysKey, days));
}

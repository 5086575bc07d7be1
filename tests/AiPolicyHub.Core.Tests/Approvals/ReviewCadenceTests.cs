using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Tests.Approvals;

public class ReviewCadenceTests
{
    private static readonly DateOnly ReviewedOn = new(2026, 11, 22);

    [Theory]
    [InlineData(RiskTier.Critical, 1)]
    [InlineData(RiskTier.High, 3)]
    [InlineData(RiskTier.Medium, 6)]
    [InlineData(RiskTier.Low, 12)]
    public void The_defaults_are_monthly_quarterly_twice_a_year_and_yearly(RiskTier tier, int months) =>
        Assert.Equal(months, ReviewCadence.Default.MonthsFor(tier));

    [Fact]
    public void Without_a_tier_the_workflows_own_cadence_sets_the_next_date() =>
        Assert.Equal(new DateOnly(2027, 5, 22), ReviewCadence.Default.NextReviewAfter(ReviewedOn, null, 6));

    [Fact]
    public void With_a_tier_the_tiers_cadence_applies_unless_the_workflow_asks_for_more_often()
    {
        Assert.Equal(new DateOnly(2026, 12, 22), ReviewCadence.Default.NextReviewAfter(ReviewedOn, RiskTier.Critical, 12));
        Assert.Equal(new DateOnly(2027, 2, 22), ReviewCadence.Default.NextReviewAfter(ReviewedOn, RiskTier.Low, 3));
    }

    [Fact]
    public void The_defaults_can_be_configured()
    {
        var cadence = new ReviewCadence(new ReviewCadenceOptions { HighMonths = 2 });
        Assert.Equal(new DateOnly(2027, 1, 22), cadence.NextReviewAfter(ReviewedOn, RiskTier.High, 12));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void A_cadence_out_of_range_is_refused_naming_the_setting(int months)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReviewCadence(new ReviewCadenceOptions { MediumMonths = months }));
        Assert.Contains("ReviewCadence:MediumMonths", error.Message);
    }

    [Fact]
    public void The_end_of_a_month_rolls_to_the_last_day_of_a_shorter_one() =>
        Assert.Equal(new DateOnly(2027, 2, 28), ReviewCadence.Default.NextReviewAfter(new DateOnly(2027, 1, 31), RiskTier.Critical, 12));
}

using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class SpotCheckRateRuleTests
{
    private const string Rule = SpotCheckRateRule.RuleId;

    private static RuleSubject SpotChecked(int? percent, Audience audience = Audience.CustomerFacing) =>
        Compliant() with { Audience = audience, Oversight = HumanOversight.SpotCheck, SpotCheckPercent = percent };

    [Fact]
    public void Checking_exactly_the_minimum_is_enough() => Assert.Null(FindingOf(Rule, SpotChecked(10)));

    [Fact]
    public void Checking_one_percent_less_than_the_minimum_is_a_finding()
    {
        var finding = FindingOf(Rule, SpotChecked(9))!;

        Assert.Equal("The output is customer-facing, but only 9 % of it is checked; at least 10 % should be.", finding.Explanation);
        Assert.Equal(FindingSeverity.Low, finding.Severity);
    }

    [Fact]
    public void No_oversight_counts_as_checking_nothing() =>
        Assert.StartsWith("The output is customer-facing, but none of it is checked",
            FindingOf(Rule, Compliant() with { Audience = Audience.CustomerFacing, Oversight = HumanOversight.None })!.Explanation);

    [Fact]
    public void A_spot_check_without_a_rate_counts_as_checking_nothing() => Assert.NotNull(FindingOf(Rule, SpotChecked(null)));

    [Fact]
    public void Reviewing_everything_needs_no_sample() =>
        Assert.Null(FindingOf(Rule, Compliant() with { Audience = Audience.CustomerFacing, SpotCheckPercent = 1 }));

    [Fact]
    public void Internal_output_is_not_covered_by_default() => Assert.Null(FindingOf(Rule, SpotChecked(1, Audience.Internal)));

    [Fact]
    public void The_organisation_sets_the_minimum_and_the_audiences()
    {
        var settings = RuleSettings.Default
            .WithParameter(Rule, SpotCheckRateRule.MinimumPercentKey, 25)
            .WithParameter(Rule, SpotCheckRateRule.AudiencesKey, (int)AudienceSetExtensions.All);

        Assert.NotNull(FindingOf(Rule, SpotChecked(24, Audience.Internal), settings));
        Assert.Null(FindingOf(Rule, SpotChecked(25, Audience.Internal), settings));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_minimum_outside_1_to_100_percent_is_refused(int percent) =>
        Assert.Equal(["Too few outputs spot-checked: The minimum sample must be between 1 and 100."],
            ValidateParameter(Rule, SpotCheckRateRule.MinimumPercentKey, percent));
}

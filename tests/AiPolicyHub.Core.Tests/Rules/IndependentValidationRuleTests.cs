using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class IndependentValidationRuleTests
{
    private const string Rule = IndependentValidationRule.RuleId;

    [Theory]
    [InlineData(Autonomy.Assist, Audience.Internal, false)]
    [InlineData(Autonomy.Draft, Audience.CustomerFacing, false)]
    [InlineData(Autonomy.RecommendDecision, Audience.Internal, true)]
    [InlineData(Autonomy.ActAutomatically, Audience.Internal, true)]
    [InlineData(Autonomy.Draft, Audience.Public, true)]
    [InlineData(Autonomy.Assist, Audience.Regulator, true)]
    public void Output_that_informs_decisions_or_is_published_needs_independent_validation(Autonomy autonomy, Audience audience, bool expected) =>
        Assert.Equal(expected, FindingOf(Rule, Compliant() with { Autonomy = autonomy, Audience = audience }) is not null);

    [Fact]
    public void Validation_by_a_different_system_or_person_keeps_the_rule() =>
        Assert.Null(FindingOf(Rule, Compliant() with { Autonomy = Autonomy.RecommendDecision, Controls = VerificationControls.IndependentValidation }));

    [Fact]
    public void The_explanation_says_why_validation_is_needed()
    {
        Assert.Equal("Its output informs decisions, but nothing independent of the AI that produced it checks it.",
            FindingOf(Rule, Compliant() with { Autonomy = Autonomy.RecommendDecision })!.Explanation);
        Assert.StartsWith("Its output goes to a regulator,", FindingOf(Rule, Compliant() with { Audience = Audience.Regulator })!.Explanation);
    }
}

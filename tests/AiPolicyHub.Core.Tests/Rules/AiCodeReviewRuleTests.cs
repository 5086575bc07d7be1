using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class AiCodeReviewRuleTests
{
    private const string Rule = AiCodeReviewRule.RuleId;

    private static RuleTool WithCapabilities(ToolCapabilities capabilities) => Assistant("Copilot") with { Capabilities = capabilities };

    [Fact]
    public void Working_on_source_code_without_code_review_is_a_finding()
    {
        var finding = FindingOf(Rule, Compliant() with { DataCategories = DataCategories.SourceCode })!;

        Assert.Equal("It works on source code, but no person reviews the AI-written code.", finding.Explanation);
        Assert.Equal(FindingSeverity.Medium, finding.Severity);
    }

    [Fact]
    public void Code_review_keeps_the_rule() =>
        Assert.Null(FindingOf(Rule, Compliant() with { DataCategories = DataCategories.SourceCode, Controls = VerificationControls.CodeReview }));

    [Fact]
    public void A_dedicated_coding_tool_counts_as_writing_code() =>
        Assert.Equal("It uses “Copilot”, which writes code, but no person reviews the AI-written code.",
            FindingOf(Rule, Compliant() with { Tools = [WithCapabilities(ToolCapabilities.Code)] })!.Explanation);

    [Fact]
    public void A_general_assistant_that_can_also_write_code_does_not_count_by_default() =>
        Assert.Null(FindingOf(Rule, Compliant() with { Tools = [WithCapabilities(ToolCapabilities.Text | ToolCapabilities.Code)] }));

    [Fact]
    public void The_organisation_can_count_general_assistants_too()
    {
        var settings = RuleSettings.Default.WithParameter(Rule, AiCodeReviewRule.GeneralAssistantsKey, 1);

        Assert.NotNull(FindingOf(Rule, Compliant() with { Tools = [WithCapabilities(ToolCapabilities.Text | ToolCapabilities.Code)] }, settings));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Yes_or_no_is_all_the_general_assistant_setting_takes(int value) =>
        Assert.Single(ValidateParameter(Rule, AiCodeReviewRule.GeneralAssistantsKey, value));
}

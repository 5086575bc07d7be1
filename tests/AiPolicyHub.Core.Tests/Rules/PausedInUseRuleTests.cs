using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class PausedInUseRuleTests
{
    private const string Rule = PausedInUseRule.RuleId;

    [Fact]
    public void A_workflow_using_a_paused_tool_is_a_critical_finding()
    {
        var finding = FindingOf(Rule, Compliant() with { Tools = [Assistant("Chatbot") with { IsPaused = true }, Assistant()] })!;

        Assert.Equal(FindingSeverity.Critical, finding.Severity);
        Assert.Equal("It uses “Chatbot”, which is paused: do not use it.", finding.Explanation);
    }

    [Fact]
    public void A_paused_workflow_is_a_finding() =>
        Assert.Equal("It is paused: do not use it.", FindingOf(Rule, Compliant() with { IsPaused = true })!.Explanation);

    [Fact]
    public void The_paused_status_counts_as_paused() =>
        Assert.NotNull(FindingOf(Rule, Compliant() with { Status = WorkflowStatus.Paused }));

    [Fact]
    public void Nothing_paused_keeps_the_rule() => Assert.Null(FindingOf(Rule, Compliant()));
}

using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class ToolNotApprovedRuleTests
{
    private const string Rule = ToolNotApprovedRule.RuleId;

    [Theory]
    [InlineData(ToolApprovalStatus.Approved)]
    [InlineData(ToolApprovalStatus.ApprovedWithRestrictions)]
    public void Approved_tools_with_or_without_restrictions_may_be_used(ToolApprovalStatus status) =>
        Assert.Null(FindingOf(Rule, Compliant() with { Tools = [Assistant() with { ApprovalStatus = status }] }));

    [Theory]
    [InlineData(ToolApprovalStatus.Prohibited, "“X” is prohibited", "Stop using it")]
    [InlineData(ToolApprovalStatus.Retired, "“X” has been retired", "Stop using it")]
    [InlineData(ToolApprovalStatus.Proposed, "“X” is not approved yet", "Wait for compliance to approve")]
    public void A_prohibited_retired_or_proposed_tool_is_a_finding(ToolApprovalStatus status, string why, string remedy)
    {
        var finding = FindingOf(Rule, Compliant() with { Tools = [Assistant("X") with { ApprovalStatus = status }] });

        Assert.NotNull(finding);
        Assert.Contains(why, finding.Explanation);
        Assert.StartsWith(remedy, finding.Remedy);
    }

    [Fact]
    public void Several_unusable_tools_are_listed_in_one_finding_with_advice_for_both_kinds()
    {
        var subject = Compliant() with
        {
            Tools = [Assistant("A") with { ApprovalStatus = ToolApprovalStatus.Prohibited }, Assistant("B"),
                Assistant("C") with { ApprovalStatus = ToolApprovalStatus.Proposed }],
        };

        var finding = FindingOf(Rule, subject)!;

        Assert.Equal("It uses AI tools that may not be used: “A” is prohibited and “C” is not approved yet.", finding.Explanation);
        Assert.Contains("once compliance approves it", finding.Remedy);
    }
}

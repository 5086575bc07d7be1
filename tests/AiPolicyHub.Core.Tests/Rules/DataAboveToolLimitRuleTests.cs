using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class DataAboveToolLimitRuleTests
{
    private const string Rule = DataAboveToolLimitRule.RuleId;

    [Fact]
    public void A_compliant_workflow_breaks_no_rule() => Assert.Empty(Evaluate(Compliant()));

    [Fact]
    public void Data_exactly_at_the_tools_limit_is_allowed() =>
        Assert.Null(FindingOf(Rule, Compliant().WithRank(3) with { Tools = [Assistant(maxRank: 3)] }));

    [Fact]
    public void Data_one_level_above_the_tools_limit_is_a_finding_that_names_the_tool_and_its_limit()
    {
        var finding = FindingOf(Rule, Compliant().WithRank(4) with { Tools = [Assistant("ChatGPT", maxRank: 3)] });

        Assert.NotNull(finding);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.Equal("Restricted data goes to “ChatGPT” (cleared up to Confidential), which may not receive data that sensitive.", finding.Explanation);
        Assert.Contains("cleared for Restricted data", finding.Remedy);
    }

    [Fact]
    public void Every_tool_over_its_limit_is_named_in_one_finding_and_tools_within_it_are_not()
    {
        var subject = Compliant().WithRank(3) with { Tools = [Assistant("A", 1), Assistant("B", 3), Assistant("C", 2)] };

        var finding = Assert.Single(Evaluate(subject), f => f.RuleId == Rule);

        Assert.Contains("“A” (cleared up to Public) and “C” (cleared up to Internal)", finding.Explanation);
        Assert.DoesNotContain("“B”", finding.Explanation);
    }

    [Fact]
    public void A_workflow_without_tools_has_no_data_limit_to_break() =>
        Assert.Null(FindingOf(Rule, Compliant().WithRank(4) with { Tools = [] }));
}

using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Tests.Rules;

public class EvidenceExpiredRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly EvidenceExpiredRule Rule = new();

    private static RuleFinding? Evaluate(params RuleEvidence[] evidence) =>
        Rule.Evaluate(RuleTestData.Compliant() with { Evidence = evidence }, new RuleContext(RuleParameters.Empty, ClassificationScale.Default, Today));

    [Fact]
    public void Evidence_counts_up_to_and_including_its_expiry_date() =>
        Assert.Null(Evaluate(new RuleEvidence("DPIA", Today)));

    [Fact]
    public void Evidence_expired_yesterday_is_a_finding_that_names_it_and_the_tool_it_belongs_to()
    {
        var finding = Evaluate(new RuleEvidence("DPIA", Today.AddDays(-1)), new RuleEvidence("SOC 2 report", Today.AddDays(-40), "ChatGPT"));

        Assert.NotNull(finding);
        Assert.Equal("Its evidence “DPIA” (expired on 30 November 2026) and “SOC 2 report” of “ChatGPT” (expired on 22 October 2026) has expired.",
            finding.Explanation);
    }

    [Fact]
    public void Without_dated_evidence_there_is_no_finding() => Assert.Null(Evaluate());
}

using System.Text.RegularExpressions;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Tests.Rules;

public class BuiltInRulesTests
{
    public static TheoryData<string> RuleIds => [.. BuiltInRules.All.Select(r => r.Id)];

    [Fact]
    public void There_are_at_least_ten_rules_with_distinct_readable_ids()
    {
        Assert.True(BuiltInRules.All.Count >= 10);
        Assert.Equal(BuiltInRules.All.Count, BuiltInRules.All.Select(r => r.Id).Distinct().Count());
        Assert.All(BuiltInRules.All, r => Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_explains_itself_and_cites_NIST_and_ISO(string id)
    {
        var rule = BuiltInRules.Find(id)!;

        Assert.False(string.IsNullOrWhiteSpace(rule.Title));
        Assert.True(rule.Rationale.Length > 40, rule.Rationale);
        Assert.Contains(rule.References, r => Regex.IsMatch(r, @"^NIST AI RMF: (GOVERN|MAP|MEASURE|MANAGE)( \d+\.\d+)?$"));
        Assert.Contains(rule.References, r => Regex.IsMatch(r, @"^ISO/IEC 42001 A\.\d+(\.\d+)+$"));
        // Agent rules also cite NIST AI 600-1 (the generative AI profile) and the OWASP LLM and agentic top 10s.
        Assert.All(rule.References, r => Assert.Matches(@"^(NIST AI RMF: |NIST AI 600-1: |ISO/IEC 42001 A\.|EU AI Act Art\. \d+$|GDPR Art\. \d+$|OWASP (LLM\d\d:2025|Agentic ASI\d\d) )", r));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rules_defaults_are_valid_and_complete(string id)
    {
        var rule = BuiltInRules.Find(id)!;

        Assert.Empty(rule.Validate(RuleParameters.Empty.Over(rule.Parameters), ClassificationScale.Default));
        Assert.Equal(rule.Parameters.Select(p => p.Key), RuleSettings.Default.ParametersFor(rule).Keys);
    }

    [Fact]
    public void Most_rules_cite_the_EU_AI_Act() =>
        Assert.True(BuiltInRules.All.Count(r => r.References.Any(x => x.StartsWith("EU AI Act", StringComparison.Ordinal))) >= 10);

    [Fact]
    public void An_unknown_id_finds_no_rule() => Assert.Null(BuiltInRules.Find("no-such-rule"));
}

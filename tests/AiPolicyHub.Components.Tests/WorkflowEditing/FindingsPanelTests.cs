using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.WorkflowEditing;

public sealed class FindingsPanelTests : ComponentTest
{
    [Fact]
    public void Without_findings_it_says_no_rule_is_broken()
    {
        var cut = Render<FindingsPanel>(p => p.Add(x => x.Findings, []));

        Assert.Contains("No policy rule is broken", cut.Markup);
    }

    [Fact]
    public void Each_finding_shows_its_severity_in_words_and_what_to_change()
    {
        var finding = new RuleFinding("data-above-tool-limit", "Data above the tool's limit", FindingSeverity.High,
            "Confidential data goes to “Summarizer”.", "Choose a tool cleared for confidential data.", []);

        var item = Render<FindingsPanel>(p => p.Add(x => x.Findings, [finding])).Find("li[data-rule='data-above-tool-limit']");

        Assert.Equal("High", item.QuerySelector(".badge")!.TextContent);
        Assert.Contains("badge-danger", item.QuerySelector(".badge")!.ClassName);
        Assert.Contains("Choose a tool cleared for confidential data.", item.TextContent);
    }
}

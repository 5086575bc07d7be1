using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Tests.Rules;

public class LiveFindingsTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly IReadOnlyList<DataClassificationLevel> Levels =
        DataClassificationLevel.Defaults().Select((l, i) => { l.Id = i + 1; return l; }).ToList();

    private static FormLookups Lookups(params ToolListItem[] tools) => new([], Levels, tools, []);

    private static ToolListItem Tool(int id, string name, int maxRank) => new(id, name, "Vendor", "", ToolDeployment.Saas,
        ToolApprovalStatus.Approved, Levels[maxRank - 1].Name, maxRank, VendorTraining.No, true, 0, ToolCapabilities.Text);

    [Fact]
    public void A_form_sending_confidential_data_to_a_tool_cleared_for_internal_shows_the_finding_before_saving()
    {
        var form = new WorkflowForm { Name = "Minutes", DataClassificationId = 3, ToolIds = [7], ApprovingRole = "Lead" };

        var findings = LiveFindings.For(form, Lookups(Tool(7, "Summarizer", maxRank: 2)), Today);

        var finding = Assert.Single(findings, f => f.RuleId == "data-above-tool-limit");
        Assert.Contains("Confidential data goes to", finding.Explanation);
        Assert.Contains("Summarizer", finding.Explanation);
    }

    [Fact]
    public void The_same_form_with_a_tool_cleared_for_the_data_breaks_no_rule()
    {
        var form = new WorkflowForm { Name = "Minutes", DataClassificationId = 3, ToolIds = [7], ApprovingRole = "Lead" };

        Assert.Empty(LiveFindings.For(form, Lookups(Tool(7, "Summarizer", maxRank: 3)), Today));
    }

    [Fact]
    public void Without_a_data_classification_there_is_nothing_to_judge_yet()
    {
        Assert.Empty(LiveFindings.For(new WorkflowForm { ToolIds = [7] }, Lookups(Tool(7, "Summarizer", 1)), Today));
    }
}

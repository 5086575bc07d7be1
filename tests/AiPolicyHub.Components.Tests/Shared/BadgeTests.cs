using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.Shared;

public sealed class BadgeTests : ComponentTest
{
    [Theory]
    [InlineData(WorkflowStatus.Approved, "badge-success", "Approved")]
    [InlineData(WorkflowStatus.Paused, "badge-danger", "Paused")]
    [InlineData(WorkflowStatus.Submitted, "badge-info", "Submitted")]
    [InlineData(WorkflowStatus.Draft, "badge-neutral", "Draft")]
    public void A_workflow_status_says_its_name_in_a_colour_of_its_own(WorkflowStatus status, string toneClass, string text)
    {
        var badge = Render<StatusBadge>(p => p.Add(b => b.Status, status)).Find(".badge");

        Assert.Equal(text, badge.TextContent);
        Assert.Contains(toneClass, badge.ClassList);
    }

    [Fact]
    public void A_badge_written_as_markup_keeps_its_text_and_title_as_text()
    {
        var badge = Render<Badge>(p => p
            .Add(b => b.Text, "R&D <i>only</i>")
            .Add(b => b.Tone, BadgeTone.Warning)
            .Add(b => b.Title, "\"quoted\" <title>")).Find(".badge");

        Assert.Equal("R&D <i>only</i>", badge.TextContent);
        Assert.Equal("R&D <i>only</i>", badge.GetAttribute("data-status"));
        Assert.Equal("\"quoted\" <title>", badge.GetAttribute("title"));
        Assert.Contains("badge-warning", badge.ClassList);
        Assert.Empty(badge.Children);
    }

    [Fact]
    public void A_prohibited_tool_reads_as_a_danger()
    {
        var badge = Render<ToolStatusBadge>(p => p.Add(b => b.Status, ToolApprovalStatus.Prohibited)).Find(".badge");

        Assert.Equal("Prohibited", badge.TextContent);
        Assert.Contains("badge-danger", badge.ClassList);
    }
}

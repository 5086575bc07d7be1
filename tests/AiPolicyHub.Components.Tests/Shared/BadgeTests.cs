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
    public void A_prohibited_tool_reads_as_a_danger()
    {
        var badge = Render<ToolStatusBadge>(p => p.Add(b => b.Status, ToolApprovalStatus.Prohibited)).Find(".badge");

        Assert.Equal("Prohibited", badge.TextContent);
        Assert.Contains("badge-danger", badge.ClassList);
    }
}

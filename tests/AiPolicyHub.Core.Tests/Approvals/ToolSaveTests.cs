using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Approvals;

/// <summary>Who may change what about a tool, decided with no database (<see cref="ToolSave"/>).</summary>
public class ToolSaveTests
{
    private const int Internal = 20, Restricted = 40;
    private static readonly InventoryNames Names = new(new Dictionary<int, string>(),
        new Dictionary<int, string> { [Internal] = "Internal", [Restricted] = "Restricted" }, new Dictionary<int, string>(), new Dictionary<string, string>());
    private static readonly Dictionary<int, int> Ranks = new() { [Internal] = 2, [Restricted] = 4 };
    private static readonly Actor Manager = ActorWith(Roles.Manager);

    private static Actor ActorWith(string role) => new("actor-id", "Actor", new HashSet<string> { role }, new HashSet<int> { 1 });

    private static ToolForm Tool(ToolApprovalStatus status, string notes = "Enterprise workspace.") => new()
    {
        Name = "ChatGPT Enterprise", Vendor = "OpenAI", MaxClassificationId = Internal, ApprovalStatus = status, Notes = notes,
        TrainsOnOurData = VendorTraining.No, Version = 3,
    };

    private static ToolSaveDecision Decide(Actor actor, ToolForm? stored, ToolForm wanted) => ToolSave.Decide(actor, stored, wanted, Names, Ranks);

    [Theory]
    [InlineData(ToolApprovalStatus.Approved)]
    [InlineData(ToolApprovalStatus.ApprovedWithRestrictions)]
    [InlineData(ToolApprovalStatus.Prohibited)]
    public void A_managers_change_to_a_decided_tool_becomes_a_proposal_whatever_it_changes(ToolApprovalStatus status)
    {
        Assert.Equal(ToolSaveEffect.Propose, Decide(Manager, Tool(status), Tool(status, "Anything goes now.")).Effect);
        Assert.Equal(ToolSaveEffect.Propose, Decide(Manager, Tool(status), Tool(ToolApprovalStatus.Retired)).Effect);
        var proposal = Decide(Manager, Tool(status), Tool(status, "Anything goes now."));
        Assert.Equal("Notes", Assert.Single(proposal.Changes).Field);
    }

    [Theory]
    [InlineData(ToolApprovalStatus.Approved)]
    [InlineData(ToolApprovalStatus.Prohibited)]
    [InlineData(ToolApprovalStatus.Retired)]
    public void Compliance_and_administrators_change_a_decided_tool_directly(ToolApprovalStatus wanted)
    {
        foreach (var role in new[] { Roles.ComplianceOfficer, Roles.Administrator })
        {
            Assert.Equal(ToolSaveEffect.Store, Decide(ActorWith(role), Tool(ToolApprovalStatus.Approved, "Old"), Tool(wanted, "New")).Effect);
        }
    }

    [Fact]
    public void A_manager_edits_and_retires_a_proposed_tool_and_proposes_a_retired_one_again()
    {
        Assert.Equal(ToolSaveEffect.Store, Decide(Manager, Tool(ToolApprovalStatus.Proposed), Tool(ToolApprovalStatus.Proposed, "Clearer")).Effect);
        Assert.Equal(ToolSaveEffect.Store, Decide(Manager, Tool(ToolApprovalStatus.Proposed), Tool(ToolApprovalStatus.Retired)).Effect);
        Assert.Equal(ToolSaveEffect.Store, Decide(Manager, Tool(ToolApprovalStatus.Retired), Tool(ToolApprovalStatus.Proposed)).Effect);
    }

    [Theory]
    [InlineData(ToolApprovalStatus.Approved)]
    [InlineData(ToolApprovalStatus.ApprovedWithRestrictions)]
    [InlineData(ToolApprovalStatus.Prohibited)]
    [InlineData(ToolApprovalStatus.Retired)]
    public void A_manager_proposes_a_new_tool_and_cannot_decide_on_it(ToolApprovalStatus status)
    {
        var decision = Decide(Manager, null, Tool(status));
        Assert.Equal(ToolSaveEffect.Refused, decision.Effect);
        Assert.Equal(["Only a compliance officer can approve or prohibit a tool; a new tool starts as proposed."],
            decision.Refusal!.Errors!.For(nameof(ToolForm.ApprovalStatus)));
        Assert.Equal(ToolSaveEffect.Store, Decide(Manager, null, Tool(ToolApprovalStatus.Proposed)).Effect);
    }

    [Fact]
    public void A_manager_cannot_approve_a_proposed_tool() =>
        Assert.Equal(ToolSaveEffect.Refused, Decide(Manager, Tool(ToolApprovalStatus.Proposed), Tool(ToolApprovalStatus.Approved)).Effect);

    [Fact]
    public void Staff_change_no_tool() =>
        Assert.Equal(SaveStatus.Forbidden, Decide(ActorWith(Roles.Staff), Tool(ToolApprovalStatus.Proposed), Tool(ToolApprovalStatus.Proposed, "x")).Refusal!.Status);

    [Fact]
    public void A_lower_data_limit_is_a_material_change_for_the_workflows_using_the_tool()
    {
        var lower = Tool(ToolApprovalStatus.Approved);
        var stored = Tool(ToolApprovalStatus.Approved);
        stored.MaxClassificationId = Restricted;
        Assert.Single(Decide(ActorWith(Roles.ComplianceOfficer), stored, lower).ReopenReasons);
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Agents;

/// <summary>The pause tests' organisation (two compliance officers, a manager of Support, staff) with agents and connectors.</summary>
internal static class AgentScenario
{
    public static AgentInventory Agents(this PauseScenario s) => s.Test.Provider.GetRequiredService<AgentInventory>();
    public static ConnectorCatalog Connectors(this PauseScenario s) => s.Test.Provider.GetRequiredService<ConnectorCatalog>();

    public static async Task<int> ConnectorAsync(this PauseScenario s, string name, ToolApprovalStatus status = ToolApprovalStatus.Approved)
    {
        var outcome = await s.Connectors().SaveAsync(s.Cora, null, new ConnectorForm
        {
            Name = name, Endpoint = "https://mcp.example.com/" + name, Vendor = "Acme", ToolsExposed = "send_email", DataClassificationId = s.Internal,
            ApprovalStatus = status,
        });
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }

    public static AgentForm Form(this PauseScenario s, int tool, int[] connectors, int[]? workflows = null) => new()
    {
        Name = "Invoice agent", Purpose = "Pays approved supplier invoices.", DepartmentId = s.Support, ToolId = tool, DataClassificationId = s.Internal,
        Permissions = AgentPermissions.ReadData | AgentPermissions.SpendMoney, Autonomy = AgentAutonomy.ActsWithApproval,
        Checkpoints = [new CheckpointForm(AgentPermissions.SpendMoney, "Finance lead")], ConnectorIds = [.. connectors], WorkflowIds = [.. workflows ?? []],
    };

    /// <summary>An agent recorded by Maya, submitted, and approved by Cora.</summary>
    public static async Task<int> ApprovedAgentAsync(this PauseScenario s, AgentForm form)
    {
        var saved = await s.Agents().SaveAsync(s.Maya, null, form);
        Assert.Equal(SaveStatus.Saved, saved.Status);
        var submitted = await s.Agents().SubmitAsync(s.Maya, saved.Id, saved.Version);
        Assert.Equal(SaveStatus.Saved, submitted.Status);
        var approved = await s.Agents().ApproveAsync(s.Cora, saved.Id, submitted.Version);
        Assert.Equal(SaveStatus.Saved, approved.Status);
        return saved.Id;
    }

    public static async Task<AgentForm> AgentAsync(this PauseScenario s, int id) => (await s.Agents().GetAsync(id))!;

    public static async Task<string?> ConnectorPausedAsync(this PauseScenario s, int id)
    {
        await using var db = await s.Test.DbAsync();
        return await db.Connectors.Where(c => c.Id == id).Select(c => c.PausedReason).SingleAsync();
    }

    public static async Task<ClaimsPrincipal> OtherManagerAsync(this PauseScenario s) =>
        await s.Test.CreateUserAsync("Omar Other", Core.Identity.Roles.Manager, await s.Test.AddDepartmentAsync("Sales"));
}

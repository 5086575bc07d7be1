using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>The ways an agent is written: the agent page's service call (the page and any later API call the same Core step).</summary>
public enum AgentWritePath { PageService }

/// <summary>The ways a connector is written: the connector page's service call (<see cref="ConnectorCatalog.SaveAsync"/>).</summary>
public enum ConnectorWritePath { PageService }

/// <summary>
/// The control matrix for agents: each control's scenario runs through every agent write path (<see cref="AgentWritePath"/>)
/// and must come to the same decision. A new agent write path joins the enum and <see cref="WriteAsync"/>.
/// </summary>
public sealed class AgentControlMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<AgentWritePath> Paths => new(Enum.GetValues<AgentWritePath>());

    private sealed record Cast(int Department, int Level, int Tool, int Connector, ApiFixture.TokenUser Manager, ApiFixture.TokenUser OfficerA,
        ApiFixture.TokenUser OfficerB, ApiFixture.TokenUser OtherManager);

    private AgentInventory Agents => app.Services.GetRequiredService<AgentInventory>();

    private async Task<Cast> CastAsync()
    {
        var department = await app.AddDepartmentAsync($"Agents {Guid.NewGuid():N}");
        var other = await app.AddDepartmentAsync($"Elsewhere {Guid.NewGuid():N}");
        var level = await app.ClassificationIdAsync("Internal");
        var officerA = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var tool = await app.Services.GetRequiredService<ToolCatalog>().SaveAsync(ApiFixture.PrincipalOf(officerA.UserId), null,
            new ToolForm { Name = $"Agent tool {Guid.NewGuid():N}"[..24], Vendor = "Acme", MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved });
        var connector = await app.Services.GetRequiredService<ConnectorCatalog>().SaveAsync(ApiFixture.PrincipalOf(officerA.UserId), null,
            new ConnectorForm { Name = $"MCP {Guid.NewGuid():N}"[..20], DataClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved });
        Assert.True(tool.Status == SaveStatus.Saved && connector.Status == SaveStatus.Saved, tool.Message + connector.Message);
        return new Cast(department, level, tool.Id, connector.Id, await app.CreateTokenUserAsync(Roles.Manager, 30, department), officerA,
            await app.CreateTokenUserAsync(Roles.ComplianceOfficer), await app.CreateTokenUserAsync(Roles.Manager, 30, other));
    }

    private static AgentForm Form(Cast cast, WorkflowStatus status = WorkflowStatus.Draft) => new()
    {
        Name = $"Matrix agent {Guid.NewGuid():N}"[..28], Purpose = "Answers supplier questions by email.", DepartmentId = cast.Department,
        ToolId = cast.Tool, DataClassificationId = cast.Level, Permissions = AgentPermissions.ReadData, Autonomy = AgentAutonomy.ActsWithApproval,
        Status = status,
    };

    private async Task<WriteResult> WriteAsync(AgentWritePath path, ApiFixture.TokenUser user, int? id, AgentForm wanted) => path switch
    {
        AgentWritePath.PageService => (await Agents.SaveAsync(ApiFixture.PrincipalOf(user.UserId), id, wanted)).Status switch
        {
            SaveStatus.Saved => WriteResult.Stored,
            SaveStatus.Proposed => WriteResult.Proposed,
            _ => WriteResult.Refused,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    private async Task<AgentForm> WantedAsync(int id, Action<AgentForm> change)
    {
        var form = (await Agents.GetAsync(id))!.Copy();
        change(form);
        return form;
    }

    private async Task<int> ApprovedAsync(Cast cast)
    {
        var saved = await Agents.SaveAsync(ApiFixture.PrincipalOf(cast.Manager.UserId), null, Form(cast, WorkflowStatus.Submitted));
        Assert.True(saved.Status == SaveStatus.Saved, saved.Message);
        var approved = await Agents.ApproveAsync(ApiFixture.PrincipalOf(cast.OfficerB.UserId), saved.Id, saved.Version);
        Assert.True(approved.Status == SaveStatus.Saved, approved.Message);
        return saved.Id;
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Separation_of_duties_nobody_creates_an_agent_as_approved_or_approves_their_own(AgentWritePath path)
    {
        var cast = await CastAsync();
        Assert.Equal(WriteResult.Refused, await WriteAsync(path, cast.OfficerA, null, Form(cast, WorkflowStatus.Approved)));

        var saved = await Agents.SaveAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), null, Form(cast, WorkflowStatus.Submitted));
        Assert.Equal(WriteResult.Refused, await WriteAsync(path, cast.OfficerA, saved.Id, await WantedAsync(saved.Id, f => f.Status = WorkflowStatus.Approved)));
        Assert.Equal(WriteResult.Stored, await WriteAsync(path, cast.OfficerB, saved.Id, await WantedAsync(saved.Id, f => f.Status = WorkflowStatus.Approved)));
        Assert.Equal(WorkflowStatus.Approved, (await Agents.GetAsync(saved.Id))!.Status);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Adding_a_connector_or_a_permission_to_an_approved_agent_reopens_its_approval(AgentWritePath path)
    {
        var cast = await CastAsync();
        var first = await ApprovedAsync(cast);
        Assert.Equal(WriteResult.Stored, await WriteAsync(path, cast.Manager, first, await WantedAsync(first, f => f.ConnectorIds.Add(cast.Connector))));
        Assert.Equal(WorkflowStatus.Submitted, (await Agents.GetAsync(first))!.Status);

        var second = await ApprovedAsync(cast);
        Assert.Equal(WriteResult.Stored, await WriteAsync(path, cast.OfficerA, second,
            await WantedAsync(second, f => f.Permissions |= AgentPermissions.WriteData)));
        Assert.Equal(WorkflowStatus.Submitted, (await Agents.GetAsync(second))!.Status);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task A_manager_changes_only_agents_of_their_own_department(AgentWritePath path)
    {
        var cast = await CastAsync();
        var id = await ApprovedAsync(cast);
        Assert.Equal(WriteResult.Refused, await WriteAsync(path, cast.OtherManager, id, await WantedAsync(id, f => f.Purpose = "Taken over elsewhere.")));
        Assert.Equal("Answers supplier questions by email.", (await Agents.GetAsync(id))!.Purpose);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task A_pause_holds_an_agent_on_every_path_until_its_restart_is_signed_off(AgentWritePath path)
    {
        var cast = await CastAsync();
        var id = await ApprovedAsync(cast);
        var paused = await app.Services.GetRequiredService<PauseRegister>().PauseAgentAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), id,
            "It emailed a supplier's price list to another supplier.");
        Assert.True(paused.Status == SaveStatus.Saved, paused.Message);

        foreach (var status in new[] { WorkflowStatus.Approved, WorkflowStatus.Submitted, WorkflowStatus.Draft })
        {
            Assert.Equal(WriteResult.Refused, await WriteAsync(path, cast.OfficerB, id, await WantedAsync(id, f => f.Status = status)));
        }
        Assert.Equal(WorkflowStatus.Paused, (await Agents.GetAsync(id))!.Status);
    }

    public static TheoryData<ConnectorWritePath> ConnectorPaths => new(Enum.GetValues<ConnectorWritePath>());

    [Theory, MemberData(nameof(ConnectorPaths))]
    public async Task A_connector_widened_under_an_approved_agent_reopens_the_agents_approval(ConnectorWritePath path)
    {
        var cast = await CastAsync();
        var id = await ApprovedAsync(cast);
        var linked = await Agents.SaveAsync(ApiFixture.PrincipalOf(cast.Manager.UserId), id, await WantedAsync(id, f => f.ConnectorIds.Add(cast.Connector)));
        Assert.Equal(SaveStatus.Saved, (await Agents.ApproveAsync(ApiFixture.PrincipalOf(cast.OfficerB.UserId), id, linked.Version)).Status);
        var connectors = app.Services.GetRequiredService<ConnectorCatalog>();
        var connector = (await connectors.GetAsync(cast.Connector))!;
        connector.ToolsExposed = "send_email\ntransfer_funds";

        var outcome = path switch
        {
            ConnectorWritePath.PageService => await connectors.SaveAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), cast.Connector, connector),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(WorkflowStatus.Submitted, (await Agents.GetAsync(id))!.Status);
    }
}

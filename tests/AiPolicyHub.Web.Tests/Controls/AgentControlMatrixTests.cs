using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using System.Net.Http.Json;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>
/// The ways an agent is written: the agent page's service call, a PUT (POST for a new one) or a PATCH through <c>/api/v1/agents</c>,
/// and a one-row file imported with the built-in agents export preset through the import service or <c>POST /api/v1/imports</c>.
/// </summary>
public enum AgentWritePath { PageService, ApiPut, ApiPatch, ImportPage, ImportApi }

/// <summary>
/// The ways a connector is written: the connector page's service call (<see cref="ConnectorCatalog.SaveAsync"/>), a PUT or a
/// PATCH through <c>/api/v1/connectors</c>.
/// </summary>
public enum ConnectorWritePath { PageService, ApiPut, ApiPatch }

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

    private async Task<WriteResult> WriteAsync(AgentWritePath path, ApiFixture.TokenUser user, int? id, AgentForm wanted)
    {
        var paths = new WritePaths(app);
        switch (path)
        {
            case AgentWritePath.PageService:
                return WritePaths.Of((await Agents.SaveAsync(ApiFixture.PrincipalOf(user.UserId), id, wanted)).Status);
            case AgentWritePath.ApiPut or AgentWritePath.ApiPatch when id is null:
                return WritePaths.Of(await app.ClientWith(user.Token).PostAsJsonAsync("/api/v1/agents", wanted, ApiFixture.Json));
            case AgentWritePath.ApiPut:
                return WritePaths.Of(await app.ClientWith(user.Token).PutAsJsonAsync($"/api/v1/agents/{id}", wanted, ApiFixture.Json));
            case AgentWritePath.ApiPatch:
                return WritePaths.Of(await paths.PatchAsync(user, $"/api/v1/agents/{id}", (await Agents.GetAsync(id!.Value))!, wanted));
            default:
                return await paths.ImportAsync(path == AgentWritePath.ImportPage ? WritePath.ImportPage : WritePath.ImportApi, user, ImportTarget.Agents,
                    await FileAsync(wanted));
        }
    }

    /// <summary>The one-row file an export of <paramref name="wanted"/> would be, under the export's own column labels.</summary>
    private async Task<string> FileAsync(AgentForm wanted)
    {
        var agent = new Agent();
        wanted.ApplyTo(agent);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var connectors = await db.Connectors.ToDictionaryAsync(c => c.Id, c => c.Name);
        var workflows = await db.Workflows.Where(w => wanted.WorkflowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name);
        return WritePaths.Csv(ImportFields.Agent.Select(f => f.Label), InventoryExporter.Row(agent, await ExportNames.LoadAsync(db, default), connectors, workflows));
    }

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
    public async Task The_EU_AI_Act_role_is_written_on_every_path_and_becoming_the_provider_reopens_an_approved_agent(AgentWritePath path)
    {
        var cast = await CastAsync();
        var created = Form(cast);
        created.OperatorRole = OperatorRole.Importer;
        Assert.Equal(WriteResult.Stored, await WriteAsync(path, cast.Manager, null, created));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(OperatorRole.Importer, await db.Agents.Where(a => a.Name == created.Name).Select(a => a.OperatorRole).SingleAsync());
        }

        var id = await ApprovedAsync(cast);
        Assert.Equal(WriteResult.Stored, await WriteAsync(path, cast.Manager, id, await WantedAsync(id, f => f.OperatorRole = OperatorRole.Distributor)));
        Assert.Equal((WorkflowStatus.Approved, OperatorRole.Distributor), await StatusAndRoleAsync(id));

        Assert.Equal(WriteResult.Stored, await WriteAsync(path, cast.Manager, id, await WantedAsync(id, f => f.OperatorRole = OperatorRole.Provider)));
        Assert.Equal((WorkflowStatus.Submitted, OperatorRole.Provider), await StatusAndRoleAsync(id));
        var entry = (await Agents.HistoryAsync(id)).First(e => e.Action == Core.Auditing.AuditAction.Changed); // newest first
        Assert.Contains(Core.Auditing.AuditTrail.ChangesOf(entry), c => c.Field == nameof(AgentForm.OperatorRole) && c.After!.StartsWith("Provider", StringComparison.Ordinal));
    }

    private async Task<(WorkflowStatus, OperatorRole)> StatusAndRoleAsync(int id) => (await Agents.GetAsync(id)) is { } form ? (form.Status, form.OperatorRole) : default;

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

    [Theory, MemberData(nameof(Paths))]
    public async Task Staff_read_agents_but_write_none_on_any_path(AgentWritePath path)
    {
        var cast = await CastAsync();
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var id = await ApprovedAsync(cast);

        Assert.Equal(WriteResult.Refused, await WriteAsync(path, staff, null, Form(cast)));
        Assert.Equal(WriteResult.Refused, await WriteAsync(path, staff, id, await WantedAsync(id, f => f.Purpose = "Changed by staff.")));
        Assert.Equal("Answers supplier questions by email.", (await Agents.GetAsync(id))!.Purpose);
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
        var stored = (await connectors.GetAsync(cast.Connector))!;
        var connector = (await connectors.GetAsync(cast.Connector))!;
        connector.ToolsExposed = "send_email\ntransfer_funds";

        var outcome = path switch
        {
            ConnectorWritePath.PageService =>
                WritePaths.Of((await connectors.SaveAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), cast.Connector, connector)).Status),
            ConnectorWritePath.ApiPut => WritePaths.Of(await app.ClientWith(cast.OfficerA.Token)
                .PutAsJsonAsync($"/api/v1/connectors/{cast.Connector}", connector, ApiFixture.Json)),
            ConnectorWritePath.ApiPatch => WritePaths.Of(await new WritePaths(app).PatchAsync(cast.OfficerA, $"/api/v1/connectors/{cast.Connector}", stored, connector)),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };

        Assert.Equal(WriteResult.Stored, outcome);
        Assert.Equal("send_email\ntransfer_funds", (await connectors.GetAsync(cast.Connector))!.ToolsExposed);
        Assert.Equal(WorkflowStatus.Submitted, (await Agents.GetAsync(id))!.Status);
    }
}

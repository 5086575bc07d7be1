using System.Net;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Tests.Api;
using AiPolicyHub.Web.Tests.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>Every way evidence is written: the panel's service call (links, changes, deletion) and the upload endpoint (files).</summary>
public enum EvidenceWritePath { PageService, UploadEndpoint }

/// <summary>
/// The control matrix for evidence: who may attach to a record is decided once (<see cref="EvidenceSubjects"/>, through
/// <see cref="EvidenceRegister"/>) and every path comes to the same decision, with its audit entry.
/// </summary>
public sealed class EvidenceControlTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<EvidenceWritePath> Paths => new(Enum.GetValues<EvidenceWritePath>());

    private async Task<WriteResult> AttachAsync(EvidenceWritePath path, ApiFixture.TokenUser user, EvidenceSubjectKind kind, int id, string description)
    {
        if (path == EvidenceWritePath.PageService)
        {
            var outcome = await app.Services.GetRequiredService<EvidenceRegister>().AddAsync(ApiFixture.PrincipalOf(user.UserId), new(kind, id),
                new EvidenceForm { Description = description, ProducedOn = DateOnly.FromDateTime(app.Now.UtcDateTime) },
                new EvidenceUpload("soc2.pdf", new MemoryStream(EvidenceSession.Pdf)));
            return outcome.Status == SaveStatus.Saved ? WriteResult.Stored : WriteResult.Refused;
        }
        var session = await EvidenceSession.StartAsync(app, user);
        var response = await session.AttachToAsync(kind.ToString(), id, "soc2.pdf", EvidenceSession.Pdf, description);
        return response.StatusCode == HttpStatusCode.Created ? WriteResult.Stored : WriteResult.Refused;
    }

    private async Task<bool> StoredWithAuditEntryAsync(string description)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var record = await db.Evidence.SingleOrDefaultAsync(e => e.Description == description);
        return record is not null && await db.AuditEntries.AnyAsync(a => a.EntityType == EvidenceRegister.EntityType && a.EntityId == record.Id.ToString()
            && a.Action == AuditAction.Created);
    }

    private async Task<bool> AnyStoredAsync(string description)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Evidence.AnyAsync(e => e.Description == description);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Department_scoping_only_the_workflows_managers_and_compliance_attach_evidence_with_its_audit_entry(EvidenceWritePath path)
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var otherManager = await app.CreateTokenUserAsync(Roles.Manager, 30, await app.AddDepartmentAsync($"Elsewhere {Guid.NewGuid():N}"));
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var (byOther, byStaff, byManager) = ($"other {Guid.NewGuid():N}", $"staff {Guid.NewGuid():N}", $"manager {Guid.NewGuid():N}");

        Assert.Equal(WriteResult.Refused, await AttachAsync(path, otherManager, EvidenceSubjectKind.Workflow, workflow, byOther));
        Assert.Equal(WriteResult.Refused, await AttachAsync(path, staff, EvidenceSubjectKind.Workflow, workflow, byStaff));
        Assert.Equal(WriteResult.Stored, await AttachAsync(path, manager, EvidenceSubjectKind.Workflow, workflow, byManager));

        Assert.False(await AnyStoredAsync(byOther));
        Assert.False(await AnyStoredAsync(byStaff));
        Assert.True(await StoredWithAuditEntryAsync(byManager));
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Department_scoping_only_the_agents_managers_and_compliance_attach_evidence_to_an_agent(EvidenceWritePath path)
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var department = await app.AddDepartmentAsync($"Agents {Guid.NewGuid():N}");
        var manager = await app.CreateTokenUserAsync(Roles.Manager, 30, department);
        var otherManager = await app.CreateTokenUserAsync(Roles.Manager, 30, await app.AddDepartmentAsync($"Elsewhere {Guid.NewGuid():N}"));
        var level = await app.ClassificationIdAsync("Internal");
        var tool = await app.Services.GetRequiredService<ToolCatalog>().SaveAsync(ApiFixture.PrincipalOf(officer.UserId), null, new ToolForm
        {
            Name = $"Agent model {Guid.NewGuid():N}"[..26], Vendor = "Vendor", MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved,
        });
        Assert.Equal(SaveStatus.Saved, tool.Status);
        var agent = new AiPolicyHub.Core.Agents.Agent
        {
            Name = $"Evidence agent {Guid.NewGuid():N}"[..30], Purpose = "Sorts tickets.", DepartmentId = department, ToolId = tool.Id,
            DataClassificationId = level, Status = WorkflowStatus.Draft, Version = 1,
        };
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.Agents.Add(agent);
            await db.SaveChangesAsync();
        }
        var (byOther, byManager, byOfficer) = ($"other {Guid.NewGuid():N}", $"manager {Guid.NewGuid():N}", $"officer {Guid.NewGuid():N}");

        Assert.Equal(WriteResult.Refused, await AttachAsync(path, otherManager, EvidenceSubjectKind.Agent, agent.Id, byOther));
        Assert.Equal(WriteResult.Stored, await AttachAsync(path, manager, EvidenceSubjectKind.Agent, agent.Id, byManager));
        Assert.Equal(WriteResult.Stored, await AttachAsync(path, officer, EvidenceSubjectKind.Agent, agent.Id, byOfficer));

        Assert.False(await AnyStoredAsync(byOther));
        Assert.True(await StoredWithAuditEntryAsync(byManager));
        Assert.True(await StoredWithAuditEntryAsync(byOfficer));
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Tool_rights_a_manager_attaches_nothing_to_a_tool_compliance_decided_on_and_compliance_does(EvidenceWritePath path)
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var manager = await app.CreateTokenUserAsync(Roles.Manager, 30, await app.AddDepartmentAsync($"Tools {Guid.NewGuid():N}"));
        var tool = await app.Services.GetRequiredService<ToolCatalog>().SaveAsync(ApiFixture.PrincipalOf(officer.UserId), null, new ToolForm
        {
            Name = $"Evidence tool {Guid.NewGuid():N}"[..26], Vendor = "Vendor", MaxClassificationId = await app.ClassificationIdAsync("Internal"),
            ApprovalStatus = ToolApprovalStatus.Approved,
        });
        Assert.Equal(SaveStatus.Saved, tool.Status);
        var (byManager, byOfficer) = ($"manager {Guid.NewGuid():N}", $"officer {Guid.NewGuid():N}");

        Assert.Equal(WriteResult.Refused, await AttachAsync(path, manager, EvidenceSubjectKind.Tool, tool.Id, byManager));
        Assert.Equal(WriteResult.Stored, await AttachAsync(path, officer, EvidenceSubjectKind.Tool, tool.Id, byOfficer));

        Assert.False(await AnyStoredAsync(byManager));
        Assert.True(await StoredWithAuditEntryAsync(byOfficer));
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Statement_of_Applicability_only_compliance_attaches_evidence_to_an_ISO_42001_control(EvidenceWritePath path)
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var manager = await app.CreateTokenUserAsync(Roles.Manager, 30, await app.AddDepartmentAsync($"Controls {Guid.NewGuid():N}"));
        var control = AiPolicyHub.Core.Compliance.AnnexAControls.Find("A.6.2.6")!.SubjectId;
        var (byManager, byOfficer) = ($"manager {Guid.NewGuid():N}", $"officer {Guid.NewGuid():N}");

        Assert.Equal(WriteResult.Refused, await AttachAsync(path, manager, EvidenceSubjectKind.Control, control, byManager));
        Assert.Equal(WriteResult.Stored, await AttachAsync(path, officer, EvidenceSubjectKind.Control, control, byOfficer));

        Assert.False(await AnyStoredAsync(byManager));
        Assert.True(await StoredWithAuditEntryAsync(byOfficer));
    }
}

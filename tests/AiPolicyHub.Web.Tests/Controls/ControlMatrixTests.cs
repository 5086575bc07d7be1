using AiPolicyHub.Core;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>
/// The control matrix: each control's scenario runs through every write path (<see cref="WritePath"/>) and must come to the
/// same decision. A new write path joins <see cref="WritePath"/>; one that skips the Core step fails here.
/// </summary>
public sealed class ControlMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<WritePath> Paths => new(Enum.GetValues<WritePath>());

    /// <summary>The paths that change stored records (all but a request, which only creates).</summary>
    public static TheoryData<WritePath> UpdatePaths => new(Enum.GetValues<WritePath>().Where(WritePaths.Updates));

    private readonly WritePaths paths = new(app);

    private sealed record Cast(int Department, int Level, ApiFixture.TokenUser Manager, ApiFixture.TokenUser OfficerA, ApiFixture.TokenUser OfficerB,
        ApiFixture.TokenUser OtherManager);

    /// <summary>A department of its own for each scenario, its manager, two compliance officers and a manager of another department.</summary>
    private async Task<Cast> CastAsync()
    {
        var department = await app.AddDepartmentAsync($"Matrix {Guid.NewGuid():N}");
        var other = await app.AddDepartmentAsync($"Elsewhere {Guid.NewGuid():N}");
        return new Cast(department, await app.ClassificationIdAsync("Internal"),
            await app.CreateTokenUserAsync(Roles.Manager, 30, department),
            await app.CreateTokenUserAsync(Roles.ComplianceOfficer),
            await app.CreateTokenUserAsync(Roles.ComplianceOfficer),
            await app.CreateTokenUserAsync(Roles.Manager, 30, other));
    }

    private static WorkflowForm Form(Cast cast, WorkflowStatus status = WorkflowStatus.Draft) => new()
    {
        Name = $"Matrix workflow {Guid.NewGuid():N}"[..30],
        DepartmentId = cast.Department,
        Purpose = "Drafts answers to customer questions for an agent to check.",
        Stage = LifecycleStage.Pilot,
        Autonomy = Autonomy.Draft,
        Audience = Audience.Internal,
        DataClassificationId = cast.Level,
        Oversight = HumanOversight.ReviewBeforeUse,
        ApprovingRole = "Team lead",
        ReviewCadenceMonths = 6,
        Status = status,
    };

    private WorkflowInventory Inventory => app.Services.GetRequiredService<WorkflowInventory>();

    private async Task<int> CreateAsync(ApiFixture.TokenUser by, WorkflowForm form)
    {
        var outcome = await Inventory.SaveAsync(ApiFixture.PrincipalOf(by.UserId), null, form);
        Assert.True(outcome.Status == SaveStatus.Saved, outcome.Message);
        return outcome.Id;
    }

    private async Task<WorkflowForm> StoredAsync(int id) => (await Inventory.GetAsync(id))!;

    private async Task<WorkflowForm> WantedAsync(int id, Action<WorkflowForm> change)
    {
        var form = (await StoredAsync(id)).Copy();
        change(form);
        return form;
    }

    /// <summary>A workflow the manager submitted and officer B approved.</summary>
    private async Task<int> ApprovedAsync(Cast cast)
    {
        var id = await CreateAsync(cast.Manager, Form(cast, WorkflowStatus.Submitted));
        var approved = await app.Services.GetRequiredService<WorkflowApprovals>()
            .ApproveAsync(ApiFixture.PrincipalOf(cast.OfficerB.UserId), id, (await StoredAsync(id)).Version);
        Assert.True(approved.Status == SaveStatus.Saved, approved.Message);
        return id;
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Separation_of_duties_nobody_creates_a_workflow_as_approved(WritePath path)
    {
        var cast = await CastAsync();
        var form = Form(cast, WorkflowStatus.Approved);

        Assert.Equal(WriteResult.Refused, await paths.WriteWorkflowAsync(path, cast.OfficerA, null, form));

        await using var db = await DbAsync();
        Assert.False(await db.Workflows.AnyAsync(w => w.Name == form.Name));
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task Separation_of_duties_an_officer_cannot_approve_the_workflow_they_created_but_another_officer_can(WritePath path)
    {
        var cast = await CastAsync();
        var id = await CreateAsync(cast.OfficerA, Form(cast, WorkflowStatus.Submitted));

        var own = await paths.WriteWorkflowAsync(path, cast.OfficerA, id, await WantedAsync(id, f => f.Status = WorkflowStatus.Approved));
        Assert.Equal(WriteResult.Refused, own);
        Assert.Equal(WorkflowStatus.Submitted, (await StoredAsync(id)).Status);

        var other = await paths.WriteWorkflowAsync(path, cast.OfficerB, id, await WantedAsync(id, f => f.Status = WorkflowStatus.Approved));
        Assert.Equal(WriteResult.Stored, other);
        Assert.Equal(WorkflowStatus.Approved, (await StoredAsync(id)).Status);
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task A_pause_holds_on_every_status_path_retiring_included_until_its_restart_is_signed_off(WritePath path)
    {
        var cast = await CastAsync();
        var id = await ApprovedAsync(cast);
        var paused = await app.Services.GetRequiredService<PauseRegister>()
            .PauseWorkflowAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), id, "Wrong refunds reached customers");
        Assert.True(paused.Status == SaveStatus.Saved, paused.Message);

        foreach (var status in new[] { WorkflowStatus.Approved, WorkflowStatus.Draft, WorkflowStatus.Submitted })
        {
            Assert.Equal(WriteResult.Refused, await paths.WriteWorkflowAsync(path, cast.OfficerA, id, await WantedAsync(id, f => f.Status = status)));
        }
        // Retiring is allowed and keeps the pause in force; coming back from retirement stays paused.
        Assert.Equal(WriteResult.Stored, await paths.WriteWorkflowAsync(path, cast.Manager, id, await WantedAsync(id, f => f.Status = WorkflowStatus.Retired)));
        foreach (var status in new[] { WorkflowStatus.Approved, WorkflowStatus.Draft, WorkflowStatus.Submitted })
        {
            Assert.Equal(WriteResult.Refused, await paths.WriteWorkflowAsync(path, cast.OfficerB, id, await WantedAsync(id, f => f.Status = status)));
        }

        Assert.Equal(WorkflowStatus.Retired, (await StoredAsync(id)).Status);
        await using var db = await DbAsync();
        Assert.True(await db.Pauses.AnyAsync(p => p.WorkflowId == id && p.State == PauseState.Active));
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task Department_scoping_a_manager_cannot_change_another_departments_workflow(WritePath path)
    {
        var cast = await CastAsync();
        var id = await CreateAsync(cast.Manager, Form(cast));

        var result = await paths.WriteWorkflowAsync(path, cast.OtherManager, id, await WantedAsync(id, f => f.Purpose = "Taken over by another department."));

        Assert.Equal(WriteResult.Refused, result);
        Assert.Equal("Drafts answers to customer questions for an agent to check.", (await StoredAsync(id)).Purpose);
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task A_material_change_sends_an_approved_workflow_back_to_compliance_and_notifies_them(WritePath path)
    {
        var cast = await CastAsync();
        var id = await ApprovedAsync(cast);
        var confidential = await app.ClassificationIdAsync("Confidential");

        var result = await paths.WriteWorkflowAsync(path, cast.Manager, id, await WantedAsync(id, f => f.DataClassificationId = confidential));

        Assert.Equal(WriteResult.Stored, result);
        var stored = await StoredAsync(id);
        Assert.Equal((WorkflowStatus.Submitted, confidential), (stored.Status, stored.DataClassificationId));
        await using var db = await DbAsync();
        var reopened = await db.AuditEntries.Where(e => e.EntityType == WorkflowInventory.EntityType && e.EntityId == id.ToString())
            .OrderByDescending(e => e.Id).FirstAsync();
        Assert.Contains(MaterialChanges.ReopenedField, reopened.ChangesJson);
        Assert.True(await AwaitingApprovalNotifiedAsync(db, cast.OfficerA.UserId, id), "Officer A was not told the workflow awaits approval.");
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task Submitting_a_workflow_notifies_compliance_that_it_awaits_their_approval(WritePath path)
    {
        var cast = await CastAsync();
        var id = await CreateAsync(cast.Manager, Form(cast));

        Assert.Equal(WriteResult.Stored, await paths.WriteWorkflowAsync(path, cast.Manager, id, await WantedAsync(id, f => f.Status = WorkflowStatus.Submitted)));

        await using var db = await DbAsync();
        Assert.True(await AwaitingApprovalNotifiedAsync(db, cast.OfficerB.UserId, id));
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task Tool_rights_a_managers_change_to_an_approved_tool_is_a_proposal_and_compliance_changes_it_directly(WritePath path)
    {
        var cast = await CastAsync();
        var catalog = app.Services.GetRequiredService<ToolCatalog>();
        var created = await catalog.SaveAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), null, new ToolForm
        {
            Name = $"Matrix tool {Guid.NewGuid():N}"[..26], Vendor = "Vendor", MaxClassificationId = cast.Level,
            ApprovalStatus = ToolApprovalStatus.Approved, Notes = "Use the enterprise workspace only.",
        });
        Assert.True(created.Status == SaveStatus.Saved, created.Message);
        var id = created.Id;
        ToolForm Wanted(ToolForm stored, Action<ToolForm> change)
        {
            var copy = stored.Copy();
            change(copy);
            return copy;
        }

        var byManager = await paths.WriteToolAsync(path, cast.Manager, id, Wanted((await catalog.GetAsync(id))!, t => t.Notes = "Anything goes."));
        var retiredByManager = await paths.WriteToolAsync(path, cast.Manager, id,
            Wanted((await catalog.GetAsync(id))!, t => t.ApprovalStatus = ToolApprovalStatus.Retired));

        Assert.Equal(WriteResult.Proposed, byManager);
        Assert.Equal(WriteResult.Proposed, retiredByManager);
        var stored = (await catalog.GetAsync(id))!;
        Assert.Equal(("Use the enterprise workspace only.", ToolApprovalStatus.Approved), (stored.Notes, stored.ApprovalStatus));
        Assert.Equal(2, (await catalog.PendingProposalsAsync(id)).Count);

        var byOfficer = await paths.WriteToolAsync(path, cast.OfficerB, id, Wanted(stored, t => t.Notes = "Enterprise workspace; no customer data."));
        Assert.Equal(WriteResult.Stored, byOfficer);
        Assert.Equal("Enterprise workspace; no customer data.", (await catalog.GetAsync(id))!.Notes);
    }

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task Webhook_events_are_queued_whatever_path_approves_a_workflow_or_changes_a_tools_status(WritePath path)
    {
        var cast = await CastAsync();
        var admin = ApiFixture.PrincipalOf((await app.CreateTokenUserAsync(Roles.Administrator)).UserId);
        var webhooks = app.Services.GetRequiredService<AiPolicyHub.Core.Webhooks.WebhookSubscriptions>();
        // A documentation address (TEST-NET-1): accepted, never reached; this test reads what is queued, not what is sent.
        var subscription = (await webhooks.CreateAsync(admin, new AiPolicyHub.Core.Webhooks.WebhookSubscriptionForm
        {
            Url = "https://192.0.2.10/hook",
            Events = [AiPolicyHub.Core.Webhooks.WebhookEventTypes.WorkflowApproved, AiPolicyHub.Core.Webhooks.WebhookEventTypes.ToolStatusChanged],
        })).Value!.Subscription;
        try
        {
            var workflow = await CreateAsync(cast.Manager, Form(cast, WorkflowStatus.Submitted));
            var catalog = app.Services.GetRequiredService<ToolCatalog>();
            var tool = (await catalog.SaveAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), null, new ToolForm
            {
                Name = $"Webhook tool {Guid.NewGuid():N}"[..26], Vendor = "Vendor", MaxClassificationId = cast.Level, ApprovalStatus = ToolApprovalStatus.Proposed,
            })).Id;

            Assert.Equal(WriteResult.Stored, await paths.WriteWorkflowAsync(path, cast.OfficerB, workflow, await WantedAsync(workflow, f => f.Status = WorkflowStatus.Approved)));
            var toolForm = (await catalog.GetAsync(tool))!.Copy();
            toolForm.ApprovalStatus = ToolApprovalStatus.Approved;
            Assert.Equal(WriteResult.Stored, await paths.WriteToolAsync(path, cast.OfficerB, tool, toolForm));
            await app.Services.GetRequiredService<AiPolicyHub.Core.Webhooks.WebhookDispatcher>().QueueEventsAsync();

            await using var db = await DbAsync();
            var queued = await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id).OrderBy(d => d.Id).Select(d => d.EventType + " " + d.SubjectName).ToListAsync();
            Assert.Equal(["workflow.approved " + (await StoredAsync(workflow)).Name, "tool.status_changed " + toolForm.Name], queued);
        }
        finally
        {
            await webhooks.DeleteAsync(admin, subscription.Id);
        }
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Roles_staff_create_no_workflow_on_any_path(WritePath path)
    {
        var cast = await CastAsync();
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var form = Form(cast, WorkflowStatus.Submitted);

        Assert.Equal(WriteResult.Refused, await paths.WriteWorkflowAsync(path, staff, null, form));

        await using var db = await DbAsync();
        Assert.False(await db.Workflows.AnyAsync(w => w.Name == form.Name));
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Department_scoping_a_manager_cannot_create_a_workflow_for_another_department(WritePath path)
    {
        var cast = await CastAsync();
        var form = Form(cast, WorkflowStatus.Submitted);

        Assert.Equal(WriteResult.Refused, await paths.WriteWorkflowAsync(path, cast.OtherManager, null, form));

        await using var db = await DbAsync();
        Assert.False(await db.Workflows.AnyAsync(w => w.Name == form.Name));
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task The_lifecycle_a_new_workflow_starts_as_a_draft_or_submitted_never_rejected_or_paused(WritePath path)
    {
        var cast = await CastAsync();

        foreach (var status in new[] { WorkflowStatus.Rejected, WorkflowStatus.Paused })
        {
            var form = Form(cast, status);
            Assert.Equal(WriteResult.Refused, await paths.WriteWorkflowAsync(path, cast.OfficerA, null, form));
            await using var db = await DbAsync();
            Assert.False(await db.Workflows.AnyAsync(w => w.Name == form.Name));
        }
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task A_workflow_created_submitted_notifies_compliance_and_its_creator_cannot_approve_it_but_another_officer_can(WritePath path)
    {
        var cast = await CastAsync();
        var form = Form(cast, WorkflowStatus.Submitted);

        Assert.Equal(WriteResult.Stored, await paths.WriteWorkflowAsync(path, cast.OfficerA, null, form));

        await using var db = await DbAsync();
        var created = await db.Workflows.AsNoTracking().SingleAsync(w => w.Name == form.Name);
        Assert.Equal(WorkflowStatus.Submitted, created.Status);
        Assert.True(await AwaitingApprovalNotifiedAsync(db, cast.OfficerB.UserId, created.Id), "Officer B was not told the workflow awaits approval.");
        var approvals = app.Services.GetRequiredService<WorkflowApprovals>();
        Assert.NotEqual(SaveStatus.Saved, (await approvals.ApproveAsync(ApiFixture.PrincipalOf(cast.OfficerA.UserId), created.Id, created.Version)).Status);
        Assert.Equal(SaveStatus.Saved, (await approvals.ApproveAsync(ApiFixture.PrincipalOf(cast.OfficerB.UserId), created.Id, created.Version)).Status);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Tool_rights_a_managers_new_tool_starts_as_proposed_and_is_never_created_approved(WritePath path)
    {
        var cast = await CastAsync();
        ToolForm New(ToolApprovalStatus status) => new()
        {
            Name = $"Matrix new tool {Guid.NewGuid():N}"[..30], Vendor = "Vendor", MaxClassificationId = cast.Level, ApprovalStatus = status,
        };
        var approved = New(ToolApprovalStatus.Approved);
        var proposed = New(ToolApprovalStatus.Proposed);

        Assert.Equal(WriteResult.Refused, await paths.WriteToolAsync(path, cast.Manager, null, approved));
        Assert.Equal(WriteResult.Stored, await paths.WriteToolAsync(path, cast.Manager, null, proposed));

        await using var db = await DbAsync();
        Assert.False(await db.Tools.AnyAsync(t => t.Name == approved.Name));
        Assert.Equal(ToolApprovalStatus.Proposed, (await db.Tools.SingleAsync(t => t.Name == proposed.Name)).ApprovalStatus);
    }

    public static TheoryData<IncidentPath> IncidentPaths => new(Enum.GetValues<IncidentPath>());

    [Theory, MemberData(nameof(IncidentPaths))]
    public async Task Department_scoping_staff_report_incidents_on_their_own_departments_workflows_only(IncidentPath path)
    {
        var cast = await CastAsync();
        var own = await CreateAsync(cast.Manager, Form(cast));
        var elsewhereForm = Form(cast);
        await using (var setup = await DbAsync())
        {
            elsewhereForm.DepartmentId = await setup.DepartmentManagers.Where(m => m.UserId == cast.OtherManager.UserId).Select(m => m.DepartmentId).SingleAsync();
        }
        var elsewhere = await CreateAsync(cast.OfficerA, elsewhereForm);
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        await using (var setup = await DbAsync())
        {
            await setup.Users.Where(u => u.Id == staff.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, cast.Department));
        }
        IncidentReport Report(int workflow) => new()
        {
            WorkflowId = workflow, Title = "Wrong refund promised", WhatHappened = "A drafted reply promised a refund we do not offer.",
            OccurredAt = app.Now.UtcDateTime.AddHours(-1), Severity = IncidentSeverity.Critical, Category = IncidentCategory.WrongOutputReachedCustomer,
        };

        Assert.Equal(WriteResult.Refused, await paths.ReportIncidentAsync(path, staff, Report(elsewhere)));
        Assert.Equal(WriteResult.Stored, await paths.ReportIncidentAsync(path, staff, Report(own)));
        // A manager of another department may report it (and so could compliance).
        Assert.Equal(WriteResult.Stored, await paths.ReportIncidentAsync(path, cast.OtherManager, Report(own)));

        await using var db = await DbAsync();
        Assert.False(await db.Incidents.AnyAsync(i => i.WorkflowId == elsewhere));
        Assert.Equal([staff.UserId, cast.OtherManager.UserId], await db.Incidents.Where(i => i.WorkflowId == own).OrderBy(i => i.Id).Select(i => i.ReportedById).ToListAsync());
    }

    private Task<AppDbContext> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    private static Task<bool> AwaitingApprovalNotifiedAsync(AppDbContext db, string userId, int workflowId) =>
        db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == NotificationKind.AwaitingApproval && n.Link == $"/workflows/{workflowId}");
}

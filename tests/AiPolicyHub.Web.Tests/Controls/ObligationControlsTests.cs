using AiPolicyHub.Core;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>
/// The EU AI Act records in the control matrix. A workflow's role, high-risk area, public service, transparency measure and
/// FRIA are written only by their own Core steps (EuAiActProfiles, FriaRegister), so every workflow write path — page, PUT,
/// PATCH, import, request — keeps them as they are; those steps, and the Art. 73 steps (SeriousIncidents), refuse whoever may
/// not change the workflow or triage the incident.
/// </summary>
public sealed class ObligationControlsTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<WritePath> Paths => new(Enum.GetValues<WritePath>());
    public static TheoryData<WritePath> UpdatePaths => new(Enum.GetValues<WritePath>().Where(WritePaths.Updates));

    private readonly WritePaths paths = new(app);

    private sealed record Cast(int Department, int Level, ApiFixture.TokenUser Manager, ApiFixture.TokenUser Officer, ApiFixture.TokenUser OtherManager,
        ApiFixture.TokenUser Staff);

    private async Task<Cast> CastAsync()
    {
        var department = await app.AddDepartmentAsync($"Obligations {Guid.NewGuid():N}");
        var other = await app.AddDepartmentAsync($"Elsewhere {Guid.NewGuid():N}");
        return new Cast(department, await app.ClassificationIdAsync("Internal"),
            await app.CreateTokenUserAsync(Roles.Manager, 30, department),
            await app.CreateTokenUserAsync(Roles.ComplianceOfficer),
            await app.CreateTokenUserAsync(Roles.Manager, 30, other),
            await app.CreateTokenUserAsync(Roles.Staff));
    }

    private static WorkflowForm Form(Cast cast) => new()
    {
        Name = $"Obligations workflow {Guid.NewGuid():N}"[..34],
        DepartmentId = cast.Department,
        Purpose = "Scores loan applications for a credit officer to decide.",
        Stage = LifecycleStage.Pilot,
        Autonomy = Autonomy.RecommendDecision,
        Audience = Audience.CustomerFacing,
        DataClassificationId = cast.Level,
        Oversight = HumanOversight.ReviewBeforeUse,
        ApprovingRole = "Credit lead",
        ReviewCadenceMonths = 6,
        Status = WorkflowStatus.Submitted,
    };

    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<Workflow> StoredAsync(int id)
    {
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Workflows.AsNoTracking().SingleAsync(w => w.Id == id);
    }

    private static FriaForm Fria() => new()
    {
        ProcessDescription = "Pre-screens consumer loan applications.", PeriodAndFrequency = "Daily, about 400 a month.",
        AffectedGroups = "Consumers applying for credit.", RisksOfHarm = "Unfair refusal; indirect discrimination.",
        OversightMeasures = "A credit officer reviews every refusal.", MitigationAndComplaints = "Suspend and review; complaints desk.",
    };

    [Theory, MemberData(nameof(UpdatePaths))]
    public async Task Every_workflow_write_path_keeps_the_EU_AI_Act_details_and_the_FRIA_as_they_are(WritePath path)
    {
        var cast = await CastAsync();
        var officer = ApiFixture.PrincipalOf(cast.Officer.UserId);
        var id = (await Service<WorkflowInventory>().SaveAsync(officer, null, Form(cast))).Id;
        var profiles = Service<EuAiActProfiles>();
        var loaded = (await profiles.ViewAsync(officer, id))!.Profile;
        var recorded = new EuAiActProfileForm(OperatorRole.Provider, HighRiskArea.CreditScoring, true, "Every letter says it was scored with AI.");
        Assert.Equal(SaveStatus.Saved, (await profiles.SaveAsync(officer, id, recorded, loaded)).Status);
        Assert.Equal(SaveStatus.Saved, (await Service<FriaRegister>().SaveAsync(officer, id, Fria(), 0)).Status);

        var wanted = (await Service<WorkflowInventory>().GetAsync(id))!.Copy();
        wanted.Purpose = "Scores loan and overdraft applications for a credit officer to decide.";
        Assert.Equal(WriteResult.Stored, await paths.WriteWorkflowAsync(path, cast.Manager, id, wanted));

        var stored = await StoredAsync(id);
        Assert.Equal(wanted.Purpose, stored.Purpose);
        Assert.Equal(recorded, EuAiActProfiles.FormOf(stored));
        Assert.Equal(1, stored.FriaVersion);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task A_workflow_created_on_any_path_starts_as_a_deployers_with_nothing_recorded_under_the_Act(WritePath path)
    {
        var cast = await CastAsync();
        var form = Form(cast);

        Assert.Equal(WriteResult.Stored, await paths.WriteWorkflowAsync(path, cast.Officer, null, form));

        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var created = await db.Workflows.AsNoTracking().SingleAsync(w => w.Name == form.Name);
        Assert.Equal(new EuAiActProfileForm(OperatorRole.Deployer, HighRiskArea.NotListed, false, ""), EuAiActProfiles.FormOf(created));
        Assert.Equal(0, created.FriaVersion);
    }

    [Fact]
    public async Task Department_scoping_holds_for_the_EU_AI_Act_details_the_FRIA_and_the_Art_73_records()
    {
        var cast = await CastAsync();
        var officer = ApiFixture.PrincipalOf(cast.Officer.UserId);
        var manager = ApiFixture.PrincipalOf(cast.Manager.UserId);
        var id = (await Service<WorkflowInventory>().SaveAsync(officer, null, Form(cast))).Id;
        var incident = (await Service<IncidentLog>().ReportAsync(ApiFixture.PrincipalOf(cast.Staff.UserId), new IncidentReport
        {
            WorkflowId = id, Title = "Applicant wrongly refused", WhatHappened = "Refused on a wrong income figure.", OccurredAt = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc),
        })).Id;
        var profiles = Service<EuAiActProfiles>();
        var frias = Service<FriaRegister>();
        var serious = Service<SeriousIncidents>();
        var loaded = (await profiles.ViewAsync(officer, id))!.Profile;
        var version = (await serious.ViewAsync(officer, incident))!.Version;

        foreach (var outsider in new[] { cast.OtherManager, cast.Staff }.Select(u => ApiFixture.PrincipalOf(u.UserId)))
        {
            Assert.Equal(SaveStatus.Forbidden, (await profiles.SaveAsync(outsider, id, loaded with { Role = OperatorRole.Importer }, loaded)).Status);
            Assert.Equal(SaveStatus.Forbidden, (await frias.SaveAsync(outsider, id, Fria(), 0)).Status);
            Assert.Equal(SaveStatus.Forbidden, (await serious.ClassifyAsync(outsider, incident, SeriousIncidentKind.General, new DateOnly(2026, 1, 5), version)).Status);
        }
        Assert.Equal(SaveStatus.Saved, (await profiles.SaveAsync(manager, id, loaded with { Role = OperatorRole.Importer }, loaded)).Status);
        Assert.Equal(SaveStatus.Saved, (await frias.SaveAsync(manager, id, Fria(), 0)).Status);
        Assert.Equal(SaveStatus.Saved, (await serious.ClassifyAsync(manager, incident, SeriousIncidentKind.General, new DateOnly(2026, 1, 5), version)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await frias.RecordAuthorityNoticeAsync(ApiFixture.PrincipalOf(cast.OtherManager.UserId), id, 1, new DateOnly(2026, 1, 6), "MSA-1")).Status);
        version = (await serious.ViewAsync(officer, incident))!.Version;
        Assert.Equal(SaveStatus.Forbidden, (await serious.RecordNoticeAsync(ApiFixture.PrincipalOf(cast.OtherManager.UserId), incident,
            new NoticeForm(NoticeRecipient.Provider, "Acme", new DateOnly(2026, 1, 6), ""), version)).Status);
        Assert.Empty((await serious.ViewAsync(officer, incident))!.Notices);
    }
}

using AiPolicyHub.Core;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reviews;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>
/// The ways reviews, review checklists and attestations are written: the pages' service calls into one Core step each
/// (WorkflowApprovals.RecordReviewAsync, ReviewChecklists, AttestationCampaigns). No API, import or MCP path writes them; a
/// new one joins the enum and <see cref="ReviewControlMatrixTests"/>.
/// </summary>
public enum ReviewWritePath { PageService }

/// <summary>The control matrix for reviews and attestations: role checks, and each write with its audit entry in the same step.</summary>
public sealed class ReviewControlMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<ReviewWritePath> Paths => new(Enum.GetValues<ReviewWritePath>());

    private sealed record Cast(int Department, int Level, ApiFixture.TokenUser Manager, ApiFixture.TokenUser Officer, ApiFixture.TokenUser OtherManager,
        ApiFixture.TokenUser Admin);

    private async Task<Cast> CastAsync()
    {
        var department = await app.AddDepartmentAsync($"Reviews {Guid.NewGuid():N}");
        var other = await app.AddDepartmentAsync($"Elsewhere {Guid.NewGuid():N}");
        return new Cast(department, await app.ClassificationIdAsync("Internal"),
            await app.CreateTokenUserAsync(Roles.Manager, 30, department), await app.CreateTokenUserAsync(Roles.ComplianceOfficer),
            await app.CreateTokenUserAsync(Roles.Manager, 30, other), await app.CreateTokenUserAsync(Roles.Administrator));
    }

    private async Task<int> WorkflowAsync(Cast cast, string ownerId)
    {
        var saved = await app.Services.GetRequiredService<WorkflowInventory>().SaveAsync(ApiFixture.PrincipalOf(cast.Manager.UserId), null, new WorkflowForm
        {
            Name = $"Review matrix {Guid.NewGuid():N}"[..30], DepartmentId = cast.Department, OwnerId = ownerId, Purpose = "Drafts replies for a person to check.",
            Stage = LifecycleStage.Pilot, Autonomy = Autonomy.Draft, Audience = Audience.Internal, DataClassificationId = cast.Level,
            Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", ReviewCadenceMonths = 6,
        });
        Assert.True(saved.Status == SaveStatus.Saved, saved.Message);
        return saved.Id;
    }

    private static WriteResult Of(SaveOutcome outcome) => outcome.Status == SaveStatus.Saved ? WriteResult.Stored : WriteResult.Refused;

    private async Task<WriteResult> ReviewAsync(ReviewWritePath path, ApiFixture.TokenUser user, int workflowId) => path switch
    {
        ReviewWritePath.PageService => Of(await RecordAsync(user, workflowId)),
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    private async Task<SaveOutcome> RecordAsync(ApiFixture.TokenUser user, int workflowId)
    {
        var tier = await app.Services.GetRequiredService<IWorkflowRiskTiers>().TierOfAsync(workflowId) ?? ReviewChecklists.TierWhenUnassessed;
        var items = (await app.Services.GetRequiredService<ReviewChecklists>().ForTierAsync(tier)).Items;
        var version = (await app.Services.GetRequiredService<WorkflowInventory>().GetAsync(workflowId))!.Version;
        return await app.Services.GetRequiredService<WorkflowApprovals>().RecordReviewAsync(ApiFixture.PrincipalOf(user.UserId), workflowId, version,
            ReviewOutcome.StillFit, null, items.Select(i => new ItemAnswer(i, ChecklistAnswer.Yes)).ToList());
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Role_checks_a_review_is_recorded_by_its_departments_manager_not_another_with_its_history_entry_in_the_same_step(ReviewWritePath path)
    {
        var cast = await CastAsync();
        var id = await WorkflowAsync(cast, cast.Manager.UserId);

        Assert.Equal(WriteResult.Refused, await ReviewAsync(path, cast.OtherManager, id));
        Assert.Equal(WriteResult.Stored, await ReviewAsync(path, cast.Manager, id));

        await using var db = await DbAsync();
        var review = await db.WorkflowReviews.SingleAsync(r => r.WorkflowId == id);
        Assert.Equal(cast.Manager.UserId, review.ReviewedById);
        var entry = await db.AuditEntries.SingleAsync(e => e.Id == review.AuditEntryId);
        Assert.Equal((AuditAction.Reviewed, id.ToString()), (entry.Action, entry.EntityId));
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Role_checks_only_an_administrator_changes_a_review_checklist_and_it_is_audited(ReviewWritePath path)
    {
        Assert.Equal(ReviewWritePath.PageService, path);
        var cast = await CastAsync();
        var checklists = app.Services.GetRequiredService<ReviewChecklists>();
        var before = await checklists.ForTierAsync(RiskTier.Low);
        var items = string.Join("\n", before.Items) + $"\nChecked {Guid.NewGuid():N}";

        Assert.Equal(SaveStatus.Forbidden, (await checklists.SaveAsync(ApiFixture.PrincipalOf(cast.Officer.UserId), RiskTier.Low, items, before.Version)).Status);
        var saved = await checklists.SaveAsync(ApiFixture.PrincipalOf(cast.Admin.UserId), RiskTier.Low, items, before.Version);
        Assert.Equal(SaveStatus.Saved, saved.Status);

        await using var db = await DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == ReviewChecklists.EntityType && e.UserId == cast.Admin.UserId));
        // Put the defaults back: the other tests of this fixture review against them.
        Assert.Equal(SaveStatus.Saved, (await checklists.ResetAsync(ApiFixture.PrincipalOf(cast.Admin.UserId), RiskTier.Low, saved.Version)).Status);
    }

    [Theory, MemberData(nameof(Paths))]
    public async Task Role_checks_compliance_starts_and_closes_a_campaign_and_only_the_owner_answers_each_step_audited(ReviewWritePath path)
    {
        Assert.Equal(ReviewWritePath.PageService, path);
        var cast = await CastAsync();
        var workflow = await WorkflowAsync(cast, cast.Manager.UserId);
        var campaigns = app.Services.GetRequiredService<AttestationCampaigns>();
        var form = new CampaignForm { Title = "Matrix check", DepartmentId = cast.Department, DueOn = DateOnly.FromDateTime(app.Now.UtcDateTime).AddDays(10) };

        Assert.Equal(SaveStatus.Forbidden, (await campaigns.StartAsync(ApiFixture.PrincipalOf(cast.Manager.UserId), form)).Status);
        var started = await campaigns.StartAsync(ApiFixture.PrincipalOf(cast.Officer.UserId), form);
        Assert.Equal(SaveStatus.Saved, started.Status);
        var item = (await campaigns.MineAsync(ApiFixture.PrincipalOf(cast.Manager.UserId))).Single(m => m.CampaignId == started.Id);
        Assert.Equal(SaveStatus.Forbidden, (await campaigns.AnswerAsync(ApiFixture.PrincipalOf(cast.Officer.UserId), item.Id, item.Version, false, null)).Status);
        Assert.Equal(SaveStatus.Saved, (await campaigns.AnswerAsync(ApiFixture.PrincipalOf(cast.Manager.UserId), item.Id, item.Version, false, null)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await campaigns.CloseAsync(ApiFixture.PrincipalOf(cast.Manager.UserId), started.Id, started.Version)).Status);
        Assert.Equal(SaveStatus.Saved, (await campaigns.CloseAsync(ApiFixture.PrincipalOf(cast.Officer.UserId), started.Id, started.Version)).Status);

        await using var db = await DbAsync();
        var campaignEntries = await db.AuditEntries.Where(e => e.EntityType == AttestationCampaigns.EntityType && e.EntityId == started.Id.ToString())
            .Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Closed], campaignEntries);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Attested && e.EntityId == workflow.ToString() && e.UserId == cast.Manager.UserId));
    }

    private Task<AppDbContext> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}

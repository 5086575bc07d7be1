using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reviews;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Reviews;

/// <summary>Reviews as records: the tier's checklist answered, the workflow's last review from the records, the register.</summary>
public class WorkflowReviewRecordsTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private TestServices test = null!;
    private ReviewRegister register = null!;
    private ReviewChecklists checklists = null!;
    private int marketing, finance, internalLevel, chatbot;
    private ClaimsPrincipal mia = null!, fred = null!, cora = null!, ada = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        register = test.Provider.GetRequiredService<ReviewRegister>();
        checklists = test.Provider.GetRequiredService<ReviewChecklists>();
        marketing = await test.AddDepartmentAsync("Marketing");
        finance = await test.AddDepartmentAsync("Finance");
        internalLevel = await test.ClassificationIdAsync("Internal");
        mia = await test.CreateUserAsync("Mia Manager", Roles.Manager, marketing);
        fred = await test.CreateUserAsync("Fred Finance", Roles.Manager, finance);
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        ada = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        chatbot = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "ChatGPT Enterprise", Vendor = "OpenAI", MaxClassificationId = await test.ClassificationIdAsync("Confidential"),
            HasDataProcessingAgreement = true, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private async Task<int> ApprovedAsync()
    {
        var saved = await test.Workflows.SaveAsync(mia, null, new WorkflowForm
        {
            Name = "Support reply drafts", DepartmentId = marketing, OwnerId = TestServices.UserId(mia),
            Purpose = "Suggest a first reply to routine customer questions; an agent edits it before sending.", ToolIds = [chatbot],
            Stage = LifecycleStage.Pilot, Autonomy = Autonomy.Draft, Audience = Audience.CustomerFacing, DataClassificationId = internalLevel,
            Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", ReviewCadenceMonths = 6,
        });
        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Equal(SaveStatus.Saved, (await test.Approvals.SubmitAsync(mia, saved.Id, await VersionAsync(saved.Id))).Status);
        Assert.Equal(SaveStatus.Saved, (await test.Approvals.ApproveAsync(cora, saved.Id, await VersionAsync(saved.Id))).Status);
        return saved.Id;
    }

    private async Task<int> VersionAsync(int id) => (await test.Workflows.GetAsync(id))!.Version;

    private async Task<RiskTier> TierAsync(int id) =>
        await test.Provider.GetRequiredService<IWorkflowRiskTiers>().TierOfAsync(id) ?? ReviewChecklists.TierWhenUnassessed;

    private async Task<List<ItemAnswer>> AnswersAsync(int id, params ChecklistAnswer?[] answers)
    {
        var items = (await checklists.ForTierAsync(await TierAsync(id))).Items;
        return items.Select((item, i) => new ItemAnswer(item, i < answers.Length ? answers[i] : ChecklistAnswer.Yes)).ToList();
    }

    private async Task<SaveOutcome> ReviewAsync(ClaimsPrincipal who, int id, ReviewOutcome outcome, string? notes, IReadOnlyList<ItemAnswer> answers) =>
        await test.Approvals.RecordReviewAsync(who, id, await VersionAsync(id), outcome, notes, answers);

    [Fact]
    public async Task A_review_is_a_record_of_who_when_the_tiers_checklist_as_answered_the_outcome_and_the_next_date()
    {
        var id = await ApprovedAsync();
        clock.AddDays(30);

        var outcome = await ReviewAsync(mia, id, ReviewOutcome.StillFit, "Sampled ten replies.",
            await AnswersAsync(id, ChecklistAnswer.Yes, ChecklistAnswer.NotApplicable));

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        var recordId = (await register.LatestRecordIdAsync(id))!.Value;
        var review = (await register.GetAsync(mia, recordId))!;
        Assert.Equal("Mia Manager", review.Summary.ReviewedBy);
        Assert.Equal(clock.Now.UtcDateTime, review.Summary.ReviewedAt);
        Assert.Equal(ReviewOutcome.StillFit, review.Summary.Outcome);
        Assert.Equal("Sampled ten replies.", review.Summary.Notes);
        Assert.Equal(await TierAsync(id), review.Summary.Tier);
        Assert.Equal((await checklists.ForTierAsync(await TierAsync(id))).Items, review.Answers.Select(a => a.Item));
        Assert.Equal(ChecklistAnswer.NotApplicable, review.Answers[1].Answer);
        Assert.Equal(new DateOnly(2027, 6, 30), review.Summary.NextReviewDate); // reviewed 2026-12-31, every 6 months at most
        Assert.Equal(review.Summary.NextReviewDate, (await test.Workflows.GetAsync(id))!.NextReviewDate);
        // The workflow's history has the entry the record points to, written in the same step.
        await using var db = await test.DbAsync();
        var stored = await db.WorkflowReviews.SingleAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Id == stored.AuditEntryId);
        Assert.Equal(AuditAction.Reviewed, entry.Action);
        var items = review.Answers.Count;
        Assert.Contains(AuditTrail.ChangesOf(entry), c => c.Field == "Checklist" && c.After!.StartsWith($"{items - 1} yes, 0 no, 1 not applicable"));
    }

    [Fact]
    public async Task The_checklist_is_the_one_of_the_workflows_risk_tier_as_the_administrator_keeps_it()
    {
        var id = await ApprovedAsync();
        var tier = await TierAsync(id);
        Assert.Equal(SaveStatus.Saved, (await checklists.SaveAsync(ada, tier, "Outputs sampled\nVendor terms read", 0)).Status);

        var stale = await ReviewAsync(mia, id, ReviewOutcome.StillFit, null,
            ReviewChecklists.Defaults(tier).Select(i => new ItemAnswer(i, ChecklistAnswer.Yes)).ToList());
        Assert.Equal(SaveStatus.Invalid, stale.Status);
        Assert.Contains("checklist changed", stale.Message);

        var current = await ReviewAsync(mia, id, ReviewOutcome.StillFit, null,
            [new ItemAnswer("Outputs sampled", ChecklistAnswer.Yes), new ItemAnswer("Vendor terms read", ChecklistAnswer.Yes)]);
        Assert.Equal(SaveStatus.Saved, current.Status);
    }

    [Fact]
    public async Task Every_item_needs_an_answer_and_a_no_needs_notes_even_when_still_fit()
    {
        var id = await ApprovedAsync();

        var open = await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id, ChecklistAnswer.Yes, null));
        Assert.Equal(SaveStatus.Invalid, open.Status);
        Assert.Contains("1 not answered", open.Message);

        var no = await ReviewAsync(mia, id, ReviewOutcome.StillFit, " ", await AnswersAsync(id, ChecklistAnswer.No));
        Assert.Equal(SaveStatus.Invalid, no.Status);
        Assert.Contains("answered “No”", no.Message);

        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, "Owner moved; updated since.", await AnswersAsync(id, ChecklistAnswer.No))).Status);
        await using var db = await test.DbAsync();
        Assert.Equal(1, await db.WorkflowReviews.CountAsync());
    }

    [Fact]
    public async Task A_manager_of_another_department_records_no_review()
    {
        var id = await ApprovedAsync();

        Assert.Equal(SaveStatus.Forbidden, (await ReviewAsync(fred, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);

        await using var db = await test.DbAsync();
        Assert.False(await db.WorkflowReviews.AnyAsync());
    }

    [Fact]
    public async Task The_last_review_is_the_latest_record_and_sets_the_next_review_date()
    {
        var id = await ApprovedAsync();
        clock.AddDays(10);
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);
        clock.AddDays(50);
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(cora, id, ReviewOutcome.ChangesNeeded, "Add a spot check.", await AnswersAsync(id))).Status);

        var last = (await register.LastAsync(id))!;

        Assert.Equal("Cora Compliance", last.ReviewedBy);
        Assert.Equal(ReviewOutcome.ChangesNeeded, last.Outcome);
        Assert.Equal(clock.Now.UtcDateTime, last.ReviewedAt);
        Assert.Equal(last.NextReviewDate, (await test.Workflows.GetAsync(id))!.NextReviewDate);
        Assert.Equal(2, (await register.ForWorkflowAsync(id)).Count);
    }

    [Fact]
    public async Task A_review_kept_only_in_the_history_still_shows_as_last_reviewed_and_in_its_period()
    {
        var id = await ApprovedAsync();
        // A review recorded before reviews were records: only its history entry exists.
        await using (var db = await test.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var actor = (await Actor.FindAsync(db, mia))!;
            await test.Audit.AppendAsync(db, actor, WorkflowInventory.EntityType, id.ToString(), "Support reply drafts", AuditAction.Reviewed,
                [new FieldChange(nameof(WorkflowForm.NextReviewDate), "", "2027-06-01"), new FieldChange("Review outcome", null, "Still fit for purpose"),
                 new FieldChange("Review notes", null, "Checked ten replies.")]);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var last = (await register.LastAsync(id))!;
        Assert.True(last.FromHistory);
        Assert.Equal(ReviewOutcome.StillFit, last.Outcome);
        Assert.Equal("Checked ten replies.", last.Notes);
        Assert.Equal(new DateOnly(2027, 6, 1), last.NextReviewDate);
        var today = DateOnly.FromDateTime(clock.Now.UtcDateTime);
        Assert.Single(await register.InPeriodAsync(today, today));

        clock.AddDays(1);
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);
        Assert.False((await register.LastAsync(id))!.FromHistory);
        // The record's own history entry is not counted twice.
        Assert.Equal([false, true], (await register.ForWorkflowAsync(id)).Select(r => r.FromHistory));
    }

    [Fact]
    public async Task Reviews_in_a_period_are_those_made_in_it_both_days_included()
    {
        var id = await ApprovedAsync();
        var start = DateOnly.FromDateTime(clock.Now.UtcDateTime);
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);
        clock.AddDays(40);
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);
        clock.AddDays(40);
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);

        Assert.Single(await register.InPeriodAsync(start, start));
        Assert.Equal(2, (await register.InPeriodAsync(start, start.AddDays(40))).Count);
        Assert.Single(await register.InPeriodAsync(start.AddDays(40), start.AddDays(40), marketing));
        Assert.Empty(await register.InPeriodAsync(start, start.AddDays(90), finance));
    }

    [Fact]
    public async Task The_audit_pack_lists_the_reviews_of_its_period_with_their_checklist_counts_and_verifies()
    {
        var id = await ApprovedAsync();
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.ChangesNeeded, "Two replies quoted the wrong price.",
            await AnswersAsync(id, ChecklistAnswer.Yes, ChecklistAnswer.No))).Status);
        var today = DateOnly.FromDateTime(clock.Now.UtcDateTime);
        var packs = test.Provider.GetRequiredService<AiPolicyHub.Core.Compliance.AuditPack.AuditPacks>();

        async Task<System.Text.Json.JsonDocument> ReviewsPartAsync(DateOnly from, DateOnly to)
        {
            using var zip = new MemoryStream();
            var outcome = await packs.WriteAsync(cora, new AiPolicyHub.Core.Compliance.AuditPack.AuditPackRequest(from, to), zip);
            Assert.True(outcome.Succeeded, outcome.Message);
            Assert.True(AiPolicyHub.Core.Compliance.AuditPack.AuditPackVerifier.Verify(new MemoryStream(zip.ToArray())).Intact);
            using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip.ToArray()));
            using var part = archive.GetEntry("reviews-and-attestations.json")!.Open();
            return await System.Text.Json.JsonDocument.ParseAsync(part);
        }

        using var inPeriod = await ReviewsPartAsync(today.AddDays(-7), today);
        var review = Assert.Single(inPeriod.RootElement.GetProperty("reviews").EnumerateArray());
        Assert.Equal("Support reply drafts", review.GetProperty("workflow").GetString());
        Assert.Equal("ChangesNeeded", review.GetProperty("outcome").GetString());
        Assert.Equal(1, review.GetProperty("checklist").GetProperty("no").GetInt32());
        using var before = await ReviewsPartAsync(today.AddDays(-30), today.AddDays(-1));
        Assert.Equal(0, before.RootElement.GetProperty("reviews").GetArrayLength());
    }

    [Fact]
    public async Task Evidence_attaches_to_a_review_by_its_reviewer_and_not_by_a_manager_of_another_department()
    {
        var id = await ApprovedAsync();
        Assert.Equal(SaveStatus.Saved, (await ReviewAsync(mia, id, ReviewOutcome.StillFit, null, await AnswersAsync(id))).Status);
        var review = new EvidenceSubject(EvidenceSubjectKind.Review, (await register.LatestRecordIdAsync(id))!.Value);
        var evidence = test.Provider.GetRequiredService<EvidenceRegister>();
        EvidenceForm Link() => new() { Description = "Sample of ten replies", Url = "https://example.org/sample", ProducedOn = DateOnly.FromDateTime(clock.Now.UtcDateTime) };

        Assert.Equal(SaveStatus.Forbidden, (await evidence.AddAsync(fred, review, Link(), null)).Status);
        Assert.Equal(SaveStatus.Saved, (await evidence.AddAsync(mia, review, Link(), null)).Status);

        Assert.Equal(1, (await register.LastAsync(id))!.Evidence);
        Assert.True((await register.GetAsync(mia, review.Id))!.CanChangeEvidence);
        Assert.False((await register.GetAsync(fred, review.Id))!.CanChangeEvidence);
    }
}

using AiPolicyHub.Core.Risk;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Approvals;

/// <summary>Submitting, approving, rejecting, re-opening and reviewing workflows against a real SQLite database.</summary>
public class WorkflowApprovalsTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private TestServices test = null!;
    private WorkflowApprovals approvals = null!;
    private int marketing, internalLevel, confidential, chatbot, copilot;
    private ClaimsPrincipal mia = null!, fred = null!, cora = null!, olga = null!, sam = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        approvals = test.Approvals;
        marketing = await test.AddDepartmentAsync("Marketing");
        var finance = await test.AddDepartmentAsync("Finance");
        internalLevel = await test.ClassificationIdAsync("Internal");
        confidential = await test.ClassificationIdAsync("Confidential");
        mia = await test.CreateUserAsync("Mia Manager", Roles.Manager, marketing);
        fred = await test.CreateUserAsync("Fred Finance", Roles.Manager, finance);
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        olga = await test.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        chatbot = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "ChatGPT Enterprise", Vendor = "OpenAI", ModelVersion = "gpt-4o", MaxClassificationId = confidential,
            HasDataProcessingAgreement = true, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        copilot = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Copilot", Vendor = "GitHub", MaxClassificationId = confidential, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private WorkflowForm NewForm(string name = "Support reply drafts") => new()
    {
        Name = name,
        DepartmentId = marketing,
        OwnerId = TestServices.UserId(mia),
        Purpose = "Suggest a first reply to routine customer questions; an agent edits it before sending.",
        ToolIds = [chatbot],
        Stage = LifecycleStage.Pilot,
        Autonomy = Autonomy.Draft,
        Audience = Audience.CustomerFacing,
        DataClassificationId = internalLevel,
        Oversight = HumanOversight.ReviewBeforeUse,
        ApprovingRole = "Team lead",
        ReviewCadenceMonths = 6,
    };

    private async Task<int> CreateAsync(ClaimsPrincipal who, WorkflowForm? form = null)
    {
        var outcome = await test.Workflows.SaveAsync(who, null, form ?? NewForm());
        Assert.True(outcome.Status == SaveStatus.Saved, $"{outcome.Status}: {outcome.Message} {string.Join(" | ", outcome.Errors?.All ?? [])}");
        return outcome.Id;
    }

    private async Task<WorkflowForm> GetAsync(int id) => (await test.Workflows.GetAsync(id))!;

    /// <summary>The workflow's checklist (by its risk tier) with every item answered "Yes".</summary>
    private async Task<IReadOnlyList<AiPolicyHub.Core.Reviews.ItemAnswer>> AllYesAsync(int id)
    {
        var tier = await test.Provider.GetRequiredService<IWorkflowRiskTiers>().TierOfAsync(id) ?? AiPolicyHub.Core.Reviews.ReviewChecklists.TierWhenUnassessed;
        var checklist = await test.Provider.GetRequiredService<AiPolicyHub.Core.Reviews.ReviewChecklists>().ForTierAsync(tier);
        return checklist.Items.Select(i => new AiPolicyHub.Core.Reviews.ItemAnswer(i, AiPolicyHub.Core.Reviews.ChecklistAnswer.Yes)).ToList();
    }

    private static void AssertSaved(SaveOutcome outcome) =>
        Assert.True(outcome.Status == SaveStatus.Saved, $"{outcome.Status}: {outcome.Message} {string.Join(" | ", outcome.Errors?.All ?? [])}");

    /// <summary>Mia creates and submits it; Cora approves it.</summary>
    private async Task<int> ApprovedAsync(WorkflowForm? form = null)
    {
        var id = await CreateAsync(mia, form);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));
        AssertSaved(await approvals.ApproveAsync(cora, id, (await GetAsync(id)).Version, "Fine as recorded."));
        Assert.Equal(WorkflowStatus.Approved, (await GetAsync(id)).Status);
        return id;
    }

    private async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id) => await test.Workflows.HistoryAsync(id);

    [Fact]
    public async Task A_manager_submits_compliance_rejects_with_a_comment_the_manager_fixes_and_resubmits_and_compliance_approves()
    {
        var id = await CreateAsync(mia);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));
        Assert.Equal(WorkflowStatus.Submitted, (await GetAsync(id)).Status);

        AssertSaved(await approvals.RejectAsync(cora, id, (await GetAsync(id)).Version, "Add a fact-check before replies go out."));
        Assert.Equal(WorkflowStatus.Rejected, (await GetAsync(id)).Status);
        var seenByMia = await approvals.ActionsAsync(mia, id);
        Assert.Equal(new ApprovalDecision(false, "Cora Compliance", seenByMia.LastDecision!.At, "Add a fact-check before replies go out."),
            seenByMia.LastDecision);
        Assert.True(seenByMia.CanSubmit);
        Assert.False(seenByMia.CanDecide);

        var fixedForm = await GetAsync(id);
        fixedForm.Controls = VerificationControls.FactCheck;
        AssertSaved(await test.Workflows.SaveAsync(mia, id, fixedForm));
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version, "Fact-check added."));
        AssertSaved(await approvals.ApproveAsync(cora, id, (await GetAsync(id)).Version));
        Assert.Equal(WorkflowStatus.Approved, (await GetAsync(id)).Status);

        var history = await HistoryAsync(id);
        Assert.Equal([AuditAction.Approved, AuditAction.Submitted, AuditAction.Changed, AuditAction.Rejected, AuditAction.Submitted, AuditAction.Created],
            history.Select(e => e.Action));
        var rejected = history.Single(e => e.Action == AuditAction.Rejected);
        Assert.Equal("Cora Compliance", rejected.UserName);
        Assert.Contains(new FieldChange("Status", "Submitted", "Rejected"), AuditTrail.ChangesOf(rejected));
        Assert.Contains(new FieldChange("Comment", null, "Add a fact-check before replies go out."), AuditTrail.ChangesOf(rejected));
        Assert.Contains(new FieldChange("Comment", null, "Fact-check added."), AuditTrail.ChangesOf(history[1]));
        await using var db = await test.DbAsync();
        Assert.True((await test.Audit.VerifyAsync(db)).Intact);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_rejection_without_a_comment_is_refused(string comment)
    {
        var id = await CreateAsync(mia);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));

        var outcome = await approvals.RejectAsync(cora, id, (await GetAsync(id)).Version, comment);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Contains("Write a comment", outcome.Message);
        Assert.Equal(WorkflowStatus.Submitted, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_manager_cannot_approve_or_reject()
    {
        var id = await CreateAsync(mia);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));

        Assert.Equal(SaveStatus.Forbidden, (await approvals.ApproveAsync(mia, id, (await GetAsync(id)).Version)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await approvals.RejectAsync(mia, id, (await GetAsync(id)).Version, "No.")).Status);
        Assert.Equal(WorkflowStatus.Submitted, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task Only_a_manager_of_its_department_or_compliance_submits_it()
    {
        var id = await CreateAsync(mia);
        Assert.Equal(SaveStatus.Forbidden, (await approvals.SubmitAsync(fred, id, (await GetAsync(id)).Version)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await approvals.SubmitAsync(sam, id, (await GetAsync(id)).Version)).Status);
        AssertSaved(await approvals.SubmitAsync(cora, id, (await GetAsync(id)).Version));
    }

    [Fact]
    public async Task Compliance_cannot_approve_or_reject_a_workflow_they_created_and_the_refusal_says_why()
    {
        var id = await CreateAsync(cora);
        AssertSaved(await approvals.SubmitAsync(cora, id, (await GetAsync(id)).Version));

        var approve = await approvals.ApproveAsync(cora, id, (await GetAsync(id)).Version);
        var reject = await approvals.RejectAsync(cora, id, (await GetAsync(id)).Version, "Not like this.");

        Assert.Equal(SaveStatus.Forbidden, approve.Status);
        Assert.Equal("You created this workflow, so another compliance officer or administrator must approve or reject it (separation of duties).",
            approve.Message);
        Assert.Equal(SaveStatus.Forbidden, reject.Status);
        AssertSaved(await approvals.ApproveAsync(olga, id, (await GetAsync(id)).Version));
    }

    [Fact]
    public async Task Compliance_cannot_approve_a_workflow_they_last_changed()
    {
        var id = await CreateAsync(mia);
        var form = await GetAsync(id);
        form.Purpose = "Suggest replies; reworded by compliance.";
        AssertSaved(await test.Workflows.SaveAsync(cora, id, form));
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));

        var outcome = await approvals.ApproveAsync(cora, id, (await GetAsync(id)).Version);

        Assert.Equal(SaveStatus.Forbidden, outcome.Status);
        Assert.StartsWith("You made the last change to this workflow", outcome.Message);
        Assert.Contains("separation of duties", outcome.Message);
        var actions = await approvals.ActionsAsync(cora, id);
        Assert.False(actions.CanDecide);
        Assert.Equal(outcome.Message, actions.DecisionRefused);
        Assert.True((await approvals.ActionsAsync(olga, id)).CanDecide);
    }

    [Fact]
    public async Task Approving_through_the_status_field_follows_the_same_separation_of_duties()
    {
        var id = await CreateAsync(cora);
        AssertSaved(await approvals.SubmitAsync(cora, id, (await GetAsync(id)).Version));
        var form = await GetAsync(id);
        form.Status = WorkflowStatus.Approved;

        var own = await test.Workflows.SaveAsync(cora, id, form);
        Assert.Equal(SaveStatus.Invalid, own.Status);
        Assert.Contains("You created this workflow", own.Errors!.For(nameof(WorkflowForm.Status)).Single());

        form.Purpose = "Reworded while approving.";
        var changing = await test.Workflows.SaveAsync(olga, id, form);
        Assert.Equal(SaveStatus.Invalid, changing.Status);
        Assert.Equal(SeparationOfDuties.ChangingWhileApproving, changing.Errors!.For(nameof(WorkflowForm.Status)).Single());

        form = await GetAsync(id);
        form.Status = WorkflowStatus.Approved;
        AssertSaved(await test.Workflows.SaveAsync(olga, id, form));
        Assert.Equal(WorkflowStatus.Approved, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task Rejecting_through_the_status_field_is_refused_because_it_needs_a_comment()
    {
        var id = await CreateAsync(mia);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));
        var form = await GetAsync(id);
        form.Status = WorkflowStatus.Rejected;

        var outcome = await test.Workflows.SaveAsync(cora, id, form);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Contains("Reject button", outcome.Errors!.For(nameof(WorkflowForm.Status)).Single());
    }

    [Fact]
    public async Task Only_a_submitted_workflow_can_be_approved()
    {
        var id = await CreateAsync(mia);
        var outcome = await approvals.ApproveAsync(cora, id, (await GetAsync(id)).Version);
        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal("Only a submitted workflow can be approved; this one is draft.", outcome.Message);
    }

    [Fact]
    public async Task A_step_on_an_outdated_version_is_a_conflict_and_changes_nothing()
    {
        var id = await CreateAsync(mia);
        var version = (await GetAsync(id)).Version;
        var form = await GetAsync(id);
        form.Purpose = "Changed meanwhile.";
        AssertSaved(await test.Workflows.SaveAsync(mia, id, form));

        var outcome = await approvals.SubmitAsync(mia, id, version);

        Assert.Equal(SaveStatus.Conflict, outcome.Status);
        Assert.Equal(WorkflowStatus.Draft, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task Approval_sets_the_first_review_date_from_the_cadence()
    {
        var id = await ApprovedAsync();
        Assert.Equal(new DateOnly(2027, 5, 22), (await GetAsync(id)).NextReviewDate);
    }

    [Fact]
    public async Task A_material_change_by_compliance_sends_an_approved_workflow_back_with_the_reason_in_its_history()
    {
        var id = await ApprovedAsync();
        var form = await GetAsync(id);
        form.DataClassificationId = confidential;

        var outcome = await test.Workflows.SaveAsync(olga, id, form);

        AssertSaved(outcome);
        Assert.Contains("more sensitive data (Internal → Confidential)", outcome.Message);
        Assert.Equal(WorkflowStatus.Submitted, (await GetAsync(id)).Status);
        var changes = AuditTrail.ChangesOf((await HistoryAsync(id))[0]);
        Assert.Contains(new FieldChange("Status", "Approved", "Submitted"), changes);
        Assert.Contains(new FieldChange(MaterialChanges.ReopenedField, null, "more sensitive data (Internal → Confidential)"), changes);
    }

    [Fact]
    public async Task A_non_material_edit_keeps_the_workflow_approved()
    {
        var id = await ApprovedAsync();
        var form = await GetAsync(id);
        form.Purpose = "Suggest a first reply to routine customer questions; an agent edits it before sending it.";

        var outcome = await test.Workflows.SaveAsync(mia, id, form);

        AssertSaved(outcome);
        Assert.Null(outcome.Message);
        Assert.Equal(WorkflowStatus.Approved, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_tool_change_that_matters_reopens_every_approved_workflow_using_it_each_with_the_reason()
    {
        var first = await ApprovedAsync(NewForm("Support reply drafts"));
        var second = await ApprovedAsync(NewForm("Meeting minutes"));
        var other = NewForm("Code suggestions");
        other.ToolIds = [copilot];
        var otherTool = await ApprovedAsync(other);
        var draft = await CreateAsync(mia, NewForm("Idea: sales emails"));
        var tool = (await test.Tools.GetAsync(chatbot))!;
        tool.ModelVersion = "gpt-5";
        tool.HasDataProcessingAgreement = false;

        var outcome = await test.Tools.SaveAsync(cora, chatbot, tool);

        AssertSaved(outcome);
        Assert.Contains("the 2 approved workflows using it went back to compliance for approval", outcome.Message);
        foreach (var id in new[] { first, second })
        {
            Assert.Equal(WorkflowStatus.Submitted, (await GetAsync(id)).Status);
            var entry = (await HistoryAsync(id))[0];
            Assert.Equal(AuditAction.Reopened, entry.Action);
            Assert.Contains(new FieldChange(MaterialChanges.ReopenedField, null,
                "the AI tool “ChatGPT Enterprise” changed: a new model or version (“gpt-4o” → “gpt-5”); its data-processing agreement was dropped"),
                AuditTrail.ChangesOf(entry));
        }
        Assert.Equal(WorkflowStatus.Approved, (await GetAsync(otherTool)).Status);
        Assert.Equal(WorkflowStatus.Draft, (await GetAsync(draft)).Status);
        await using var db = await test.DbAsync();
        Assert.True((await test.Audit.VerifyAsync(db)).Intact);
        // The tool's editor changed nothing the workflows record, so Cora may still decide on them.
        Assert.True((await approvals.ActionsAsync(cora, first)).CanDecide);
    }

    [Fact]
    public async Task A_tool_change_that_does_not_matter_leaves_its_workflows_approved()
    {
        var id = await ApprovedAsync();
        var tool = (await test.Tools.GetAsync(chatbot))!;
        tool.Notes = "Licence renewed.";

        var outcome = await test.Tools.SaveAsync(cora, chatbot, tool);

        AssertSaved(outcome);
        Assert.Equal(WorkflowStatus.Approved, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_review_sets_the_next_date_from_the_cadence_and_is_in_the_history()
    {
        var id = await ApprovedAsync();
        clock.AddDays(200);

        var outcome = await approvals.RecordReviewAsync(mia, id, (await GetAsync(id)).Version, ReviewOutcome.StillFit, "Checked ten replies.", await AllYesAsync(id));

        AssertSaved(outcome);
        var stored = await GetAsync(id);
        Assert.Equal(new DateOnly(2027, 12, 10), stored.NextReviewDate); // reviewed 2027-06-10, every 6 months
        Assert.Equal(WorkflowStatus.Approved, stored.Status);
        var entry = (await HistoryAsync(id))[0];
        Assert.Equal(AuditAction.Reviewed, entry.Action);
        Assert.Contains(new FieldChange("Review outcome", null, "Still fit for purpose"), AuditTrail.ChangesOf(entry));
        Assert.Contains(new FieldChange("Review notes", null, "Checked ten replies."), AuditTrail.ChangesOf(entry));
    }

    [Fact]
    public async Task A_high_risk_tier_shortens_the_cadence_below_the_workflows_own()
    {
        var id = await ApprovedAsync();
        // Thresholds that make this workflow (score 3) high risk, reviewed quarterly; the stored tiers follow at once.
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        Assert.True((await test.Provider.GetRequiredService<RiskSettings>().SaveThresholdsAsync(admin, new RiskThresholds(2, 3, 4))).Succeeded);
        clock.AddDays(200);

        AssertSaved(await approvals.RecordReviewAsync(mia, id, (await GetAsync(id)).Version, ReviewOutcome.StillFit, "Checked ten replies.", await AllYesAsync(id)));

        Assert.Equal(RiskTier.High, await test.Provider.GetRequiredService<IWorkflowRiskTiers>().TierOfAsync(id));
        Assert.Equal(new DateOnly(2027, 9, 10), (await GetAsync(id)).NextReviewDate); // reviewed 2027-06-10, high: every 3 months
    }

    [Fact]
    public async Task A_review_that_says_stop_using_it_pauses_the_workflow()
    {
        var id = await ApprovedAsync();
        var outcome = await approvals.RecordReviewAsync(cora, id, (await GetAsync(id)).Version, ReviewOutcome.StopUsing, "Vendor changed its terms.", await AllYesAsync(id));

        AssertSaved(outcome);
        Assert.Equal(WorkflowStatus.Paused, (await GetAsync(id)).Status);
        Assert.Contains("paused", outcome.Message);
    }

    [Fact]
    public async Task A_review_that_finds_problems_needs_notes()
    {
        var id = await ApprovedAsync();
        var outcome = await approvals.RecordReviewAsync(mia, id, (await GetAsync(id)).Version, ReviewOutcome.ChangesNeeded, " ", await AllYesAsync(id));
        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.StartsWith("Say what needs to change", outcome.Message);
    }

    [Fact]
    public async Task The_owner_managers_and_compliance_review_others_do_not()
    {
        var form = NewForm();
        form.OwnerId = TestServices.UserId(sam);
        var id = await CreateAsync(mia, form);
        Assert.Equal(SaveStatus.Forbidden, (await approvals.RecordReviewAsync(fred, id, (await GetAsync(id)).Version, ReviewOutcome.StillFit, null, await AllYesAsync(id))).Status);
        AssertSaved(await approvals.RecordReviewAsync(sam, id, (await GetAsync(id)).Version, ReviewOutcome.StillFit, null, await AllYesAsync(id)));
        AssertSaved(await approvals.RecordReviewAsync(mia, id, (await GetAsync(id)).Version, ReviewOutcome.StillFit, null, await AllYesAsync(id)));
        AssertSaved(await approvals.RecordReviewAsync(cora, id, (await GetAsync(id)).Version, ReviewOutcome.StillFit, null, await AllYesAsync(id)));
        Assert.False((await approvals.ActionsAsync(fred, id)).CanReview);
    }

    [Fact]
    public async Task The_overdue_reviews_are_those_due_before_today_and_not_retired()
    {
        Workflow Row(string name, DateOnly? next, WorkflowStatus status = WorkflowStatus.Approved) => new()
        {
            Name = name, DepartmentId = marketing, Purpose = "p", DataClassificationId = internalLevel, Status = status,
            NextReviewDate = next, ApprovingRole = "Team lead", Version = 1,
        };
        await test.AddWorkflowsAsync([
            Row("Due yesterday", new DateOnly(2026, 11, 21)),
            Row("Due today", new DateOnly(2026, 11, 22)),
            Row("No date", null),
            Row("Long overdue but retired", new DateOnly(2025, 1, 1), WorkflowStatus.Retired),
            Row("Overdue draft", new DateOnly(2026, 1, 1), WorkflowStatus.Draft),
        ]);

        var page = await test.Workflows.ListAsync(new WorkflowListQuery(ReviewOverdueOn: new DateOnly(2026, 11, 22), IncludeRetired: true));

        Assert.Equal(["Due yesterday", "Overdue draft"], page.Items.Select(i => i.Name));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task Once_one_officer_decides_the_other_officers_awaits_your_approval_notices_are_marked_handled()
    {
        var approved = await CreateAsync(mia);
        var rejected = await CreateAsync(mia, NewForm("Invoice summaries"));
        AssertSaved(await approvals.SubmitAsync(mia, approved, (await GetAsync(approved)).Version));
        AssertSaved(await approvals.SubmitAsync(mia, rejected, (await GetAsync(rejected)).Version));
        Assert.Equal(2, await test.Notifications.UnreadCountAsync(olga));

        AssertSaved(await approvals.ApproveAsync(cora, approved, (await GetAsync(approved)).Version));
        var olgas = await test.Notifications.LatestAsync(olga);
        Assert.True(olgas.Single(n => n.Link == $"/workflows/{approved}").IsRead);
        Assert.False(olgas.Single(n => n.Link == $"/workflows/{rejected}").IsRead);

        AssertSaved(await approvals.RejectAsync(olga, rejected, (await GetAsync(rejected)).Version, "Name the customer data it sees."));
        Assert.Equal(0, await test.Notifications.UnreadCountAsync(cora));
        Assert.Equal(0, await test.Notifications.UnreadCountAsync(olga));
    }

    [Fact]
    public async Task Resubmitting_after_a_rejection_notifies_the_officers_again()
    {
        var id = await CreateAsync(mia);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));
        AssertSaved(await approvals.RejectAsync(cora, id, (await GetAsync(id)).Version, "Say who checks the drafts."));
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));

        var olgas = await test.Notifications.LatestAsync(olga);
        Assert.Equal(2, olgas.Count(n => n.Link == $"/workflows/{id}"));
        Assert.Equal(1, await test.Notifications.UnreadCountAsync(olga));
    }

    [Fact]
    public async Task Approving_through_the_form_also_clears_the_other_officers_notices()
    {
        var id = await CreateAsync(mia);
        AssertSaved(await approvals.SubmitAsync(mia, id, (await GetAsync(id)).Version));
        var form = await GetAsync(id);
        form.Status = WorkflowStatus.Approved;
        AssertSaved(await test.Workflows.SaveAsync(cora, id, form));

        Assert.Equal(0, await test.Notifications.UnreadCountAsync(olga));
    }
}

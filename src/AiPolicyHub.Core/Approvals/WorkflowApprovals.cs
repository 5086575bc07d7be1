using System.ComponentModel;
using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Approvals;

public enum ReviewOutcome
{
    [Description("Still fit for purpose")] StillFit,
    [Description("Changes needed")] ChangesNeeded,
    [Description("Stop using it")] StopUsing,
}

/// <summary>The latest approval or rejection of a workflow, with its comment.</summary>
public sealed record ApprovalDecision(bool Approved, string By, DateTime At, string? Comment);

/// <summary>What the acting user may do with a workflow's approval now; the page shows these buttons, the server checks again.</summary>
/// <param name="DecisionRefused">Why a compliance officer may not decide on this workflow (separation of duties), or null.</param>
/// <param name="LastDecision">The latest approval or rejection, so the page can say who decided and why.</param>
public sealed record ApprovalActions(bool CanSubmit, bool CanDecide, string? DecisionRefused, bool CanReview,
    ApprovalDecision? LastDecision = null)
{
    public static readonly ApprovalActions None = new(false, false, null, false);
}

/// <summary>
/// The approval workflow and its reviews: a manager submits a workflow, compliance approves or rejects it with a comment
/// (never their own work), and the owner, a manager or compliance records periodic reviews. Every step is version-checked
/// and recorded in the workflow's history with its comment.
/// </summary>
public sealed class WorkflowApprovals(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock,
    ReviewCadence cadence, IWorkflowRiskTiers tiers, Reviews.ReviewChecklists checklists)
{
    public const int MaxCommentLength = 2000;
    public const string CommentField = "Comment";

    public async Task<ApprovalActions> ActionsAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (actor is null || workflow is null)
        {
            return ApprovalActions.None;
        }
        var history = await AuditTrail.HistoryAsync(db, WorkflowInventory.EntityType, id.ToString(), cancellationToken);
        return ActionsFor(actor, workflow, history);
    }

    internal static ApprovalActions ActionsFor(Actor actor, Workflow workflow, IReadOnlyList<AuditEntry> history)
    {
        var deciding = workflow.Status == WorkflowStatus.Submitted && actor.IsComplianceOrAdmin;
        var refused = deciding ? SeparationOfDuties.RefusalFor(actor.UserId, history) : null;
        return new ApprovalActions(
            CanSubmit: workflow.Status is WorkflowStatus.Draft or WorkflowStatus.Rejected && actor.CanEditWorkflowsOf(workflow.DepartmentId),
            CanDecide: deciding && refused is null,
            DecisionRefused: refused,
            CanReview: MayReview(actor, workflow),
            LastDecision: history.Where(e => e.Action is AuditAction.Approved or AuditAction.Rejected).MaxBy(e => e.Id) is { } decision
                ? new ApprovalDecision(decision.Action == AuditAction.Approved, decision.UserName, decision.At,
                    AuditTrail.ChangesOf(decision).FirstOrDefault(c => c.Field == CommentField)?.After)
                : null);
    }

    /// <summary>A manager of its department (or compliance) submits a draft or rejected workflow for approval.</summary>
    public Task<SaveOutcome> SubmitAsync(ClaimsPrincipal principal, int id, int version, string? comment = null,
        CancellationToken cancellationToken = default) =>
        StepAsync(principal, id, version, cancellationToken, (actor, workflow, _) =>
        {
            if (!actor.CanEditWorkflowsOf(workflow.DepartmentId))
            {
                return Step.Refused(SaveOutcome.Forbidden("Only a manager of its department or a compliance officer can submit this workflow."));
            }
            if (workflow.Status is not (WorkflowStatus.Draft or WorkflowStatus.Rejected))
            {
                return Step.Invalid("Status", $"Only a draft or rejected workflow can be submitted; this one is {EnumText.Of(workflow.Status).ToLowerInvariant()}.");
            }
            return CommentError(comment, required: false) is { } error
                ? Step.Invalid(CommentField, error)
                : new Step(AuditAction.Submitted, WorkflowStatus.Submitted, Notes(comment), "It is submitted to compliance for approval.");
        });

    /// <summary>A compliance officer or administrator approves a submitted workflow they neither created nor last changed.</summary>
    public Task<SaveOutcome> ApproveAsync(ClaimsPrincipal principal, int id, int version, string? comment = null,
        CancellationToken cancellationToken = default) =>
        DecideAsync(principal, id, version, comment, approve: true, cancellationToken);

    /// <summary>A compliance officer or administrator rejects a submitted workflow, saying why (the comment is required).</summary>
    public Task<SaveOutcome> RejectAsync(ClaimsPrincipal principal, int id, int version, string comment,
        CancellationToken cancellationToken = default) =>
        DecideAsync(principal, id, version, comment, approve: false, cancellationToken);

    private Task<SaveOutcome> DecideAsync(ClaimsPrincipal principal, int id, int version, string? comment, bool approve,
        CancellationToken cancellationToken)
    {
        var verb = approve ? "approve" : "reject";
        return StepAsync(principal, id, version, cancellationToken, async (actor, workflow, history) =>
        {
            if (!actor.IsComplianceOrAdmin)
            {
                return Step.Refused(SaveOutcome.Forbidden($"Only a compliance officer or an administrator can {verb} a workflow."));
            }
            if (workflow.Status != WorkflowStatus.Submitted)
            {
                return Step.Invalid("Status", $"Only a submitted workflow can be {verb}d; this one is {EnumText.Of(workflow.Status).ToLowerInvariant()}.");
            }
            if (SeparationOfDuties.RefusalFor(actor.UserId, history) is { } refusal)
            {
                return Step.Refused(SaveOutcome.Forbidden(refusal));
            }
            if (CommentError(comment, required: !approve) is { } error)
            {
                return Step.Invalid(CommentField, error);
            }
            if (!approve)
            {
                return new Step(AuditAction.Rejected, WorkflowStatus.Rejected, Notes(comment),
                    "It is rejected; its managers see your comment in the history.");
            }
            // Approval starts the review clock if nobody set a date yet.
            var nextReview = workflow.NextReviewDate ?? await NextReviewAsync(workflow, cancellationToken);
            return new Step(AuditAction.Approved, WorkflowStatus.Approved, Notes(comment), "It is approved.", nextReview);
        });
    }

    /// <summary>
    /// Records a periodic review as a record of its own (<see cref="Reviews.WorkflowReview"/>): the checklist of the workflow's
    /// risk tier answered item by item, the outcome, the notes; the history gets an entry, and the next review date follows
    /// from the cadence. "Stop using it" also pauses the workflow, so staff are told not to use it until compliance restarts it.
    /// </summary>
    /// <param name="answers">One answer for each item of the tier's checklist (<see cref="Reviews.ReviewChecklists"/>), in order.</param>
    public Task<SaveOutcome> RecordReviewAsync(ClaimsPrincipal principal, int id, int version, ReviewOutcome outcome, string? notes,
        IReadOnlyList<Reviews.ItemAnswer> answers, CancellationToken cancellationToken = default) =>
        StepAsync(principal, id, version, cancellationToken, async (actor, workflow, _) =>
        {
            if (!MayReview(actor, workflow))
            {
                return Step.Refused(SaveOutcome.Forbidden("Only its owner, a manager of its department or a compliance officer can review this workflow."));
            }
            if (workflow.IsRetired)
            {
                return Step.Invalid("Status", "A retired workflow is no longer reviewed.");
            }
            var tier = await tiers.TierOfAsync(workflow.Id, cancellationToken) ?? Reviews.ReviewChecklists.TierWhenUnassessed;
            var checklist = await checklists.ForTierAsync(tier, cancellationToken);
            if (!checklist.Items.SequenceEqual(answers.Select(a => a.Item)))
            {
                return Step.Invalid(Reviews.ItemAnswer.Field, "The checklist changed since the form was opened (or the workflow's risk tier did): reload and answer it again.");
            }
            if (answers.Count(a => a.Answer is null) is > 0 and var open)
            {
                return Step.Invalid(Reviews.ItemAnswer.Field, $"Answer every item of the checklist ({open} not answered).");
            }
            var noes = answers.Count(a => a.Answer == Reviews.ChecklistAnswer.No);
            if (CommentError(notes, required: outcome != ReviewOutcome.StillFit || noes > 0) is { } error)
            {
                return Step.Invalid(CommentField, outcome != ReviewOutcome.StillFit
                    ? $"Say what {(outcome == ReviewOutcome.StopUsing ? "makes it unfit to use" : "needs to change")}: {error}"
                    : noes > 0 ? $"Say why it is still fit although {(noes == 1 ? "an item is" : $"{noes} items are")} answered “No”: {error}"
                    : error);
            }
            var next = await NextReviewAsync(workflow, cancellationToken);
            var stop = outcome == ReviewOutcome.StopUsing && workflow.Status != WorkflowStatus.Paused;
            var message = $"The review is recorded; the next one is due on {next:d MMMM yyyy}."
                + (stop ? " The workflow is paused: staff are told not to use it until compliance restarts it." : "");
            var checkedText = $"{answers.Count(a => a.Answer == Reviews.ChecklistAnswer.Yes)} yes, {noes} no, "
                + $"{answers.Count(a => a.Answer == Reviews.ChecklistAnswer.NotApplicable)} not applicable ({EnumText.Of(tier).ToLowerInvariant()}-risk checklist)";
            return new Step(AuditAction.Reviewed, stop ? WorkflowStatus.Paused : workflow.Status,
                [new FieldChange("Review outcome", null, EnumText.Of(outcome)), new FieldChange("Checklist", null, checkedText), .. Notes(notes, "Review notes")],
                message, next,
                Record: (db, entry) =>
                {
                    db.WorkflowReviews.Add(new Reviews.WorkflowReview
                    {
                        WorkflowId = workflow.Id, WorkflowName = workflow.Name, DepartmentId = workflow.DepartmentId,
                        ReviewedById = actor.UserId, ReviewedByName = actor.Name, ReviewedAt = entry.At, Tier = tier, Outcome = outcome,
                        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), NextReviewDate = next, AuditEntryId = entry.Id,
                        Answers = answers.Select((a, i) => new Reviews.WorkflowReviewAnswer { Position = i + 1, Item = a.Item, Answer = a.Answer!.Value }).ToList(),
                    });
                });
        });

    /// <summary>
    /// Sends every approved workflow using <paramref name="tool"/> back for approval, each with the reasons in its history.
    /// Part of the tool's save: runs in its transaction, after its own audit entry is saved.
    /// </summary>
    /// <returns>How many workflows went back.</returns>
    internal static async Task<int> ReopenWorkflowsUsingAsync(AppDbContext db, AuditTrail audit, Actor actor, AiTool tool,
        IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        var workflows = await db.Workflows
            .Where(w => w.Status == WorkflowStatus.Approved && w.Tools.Any(t => t.ToolId == tool.Id))
            .ToListAsync(cancellationToken);
        var why = $"the AI tool “{tool.Name}” changed: {string.Join("; ", reasons)}";
        foreach (var workflow in workflows)
        {
            workflow.Status = WorkflowStatus.Submitted;
            workflow.Version++;
            await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, AuditAction.Reopened,
                [new FieldChange("Status", EnumText.Of(WorkflowStatus.Approved), EnumText.Of(WorkflowStatus.Submitted)),
                 new FieldChange(MaterialChanges.ReopenedField, null, why)], cancellationToken);
            await Notifications.NotificationCenter.AwaitingApprovalAsync(db, audit.Clock, workflow, actor.UserId, cancellationToken);
            // Each entry links to the one before it, which the next AppendAsync reads from the database.
            await db.SaveChangesAsync(cancellationToken);
        }
        return workflows.Count;
    }

    /// <summary>What the person who changed a tool reads about the approved workflows sent back by <see cref="ReopenWorkflowsUsingAsync"/>.</summary>
    internal static string ReopenedByToolChange(IReadOnlyList<string> reasons, int reopened) =>
        $"Because of {string.Join("; ", reasons)}, {(reopened == 1 ? "the approved workflow" : $"the {reopened:N0} approved workflows")} "
        + "using it went back to compliance for approval.";

    private static bool MayReview(Actor actor, Workflow workflow) =>
        !workflow.IsRetired && (actor.CanEditWorkflowsOf(workflow.DepartmentId) || (workflow.OwnerId is not null && workflow.OwnerId == actor.UserId));

    private async Task<DateOnly> NextReviewAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return cadence.NextReviewAfter(today, await tiers.TierOfAsync(workflow.Id, cancellationToken), workflow.ReviewCadenceMonths);
    }

    private static string? CommentError(string? comment, bool required)
    {
        var text = comment?.Trim() ?? "";
        return required && text.Length == 0 ? "Write a comment: it tells the workflow's managers the reason."
            : text.Length > MaxCommentLength ? $"Keep the comment to {MaxCommentLength} characters or fewer (now {text.Length})."
            : null;
    }

    private static IReadOnlyList<FieldChange> Notes(string? comment, string field = CommentField) =>
        string.IsNullOrWhiteSpace(comment) ? [] : [new FieldChange(field, null, comment.Trim())];

    /// <summary>One step's effect, or why it was refused.</summary>
    /// <param name="Record">Adds a record of the step (a review) once its history entry is saved, in the same transaction.</param>
    private sealed record Step(AuditAction Action, WorkflowStatus Status, IReadOnlyList<FieldChange> Notes, string Message,
        DateOnly? NextReviewDate = null, SaveOutcome? Refusal = null, Action<AppDbContext, AuditEntry>? Record = null)
    {
        public static Step Refused(SaveOutcome refusal) => new(default, default, [], "", Refusal: refusal);

        public static Step Invalid(string field, string message)
        {
            var errors = new ValidationErrors();
            errors.Add(field, message);
            return Refused(new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: message));
        }
    }

    private Task<SaveOutcome> StepAsync(ClaimsPrincipal principal, int id, int version, CancellationToken cancellationToken,
        Func<Actor, Workflow, IReadOnlyList<AuditEntry>, Step> decide) =>
        StepAsync(principal, id, version, cancellationToken, (a, w, h) => Task.FromResult(decide(a, w, h)));

    private async Task<SaveOutcome> StepAsync(ClaimsPrincipal principal, int id, int version, CancellationToken cancellationToken,
        Func<Actor, Workflow, IReadOnlyList<AuditEntry>, Task<Step>> decide)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Your account can no longer make changes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await db.Workflows.Include(w => w.Tools).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workflow is null)
        {
            return SaveOutcome.NotFound;
        }
        if (workflow.Version != version)
        {
            return await WorkflowInventory.ConflictAsync(db, workflow, null, cancellationToken);
        }
        var history = await AuditTrail.HistoryAsync(db, WorkflowInventory.EntityType, id.ToString(), cancellationToken);
        var step = await decide(actor, workflow, history);
        if (step.Refusal is { } refusal)
        {
            return refusal;
        }

        var changes = new List<FieldChange>();
        var statusBefore = workflow.Status;
        if (workflow.Status != step.Status)
        {
            changes.Add(new FieldChange("Status", EnumText.Of(workflow.Status), EnumText.Of(step.Status)));
            workflow.Status = step.Status;
        }
        if (step.NextReviewDate is { } next && next != workflow.NextReviewDate)
        {
            changes.Add(new FieldChange(nameof(WorkflowForm.NextReviewDate), workflow.NextReviewDate?.ToString("yyyy-MM-dd") ?? "", next.ToString("yyyy-MM-dd")));
            workflow.NextReviewDate = next;
        }
        changes.AddRange(step.Notes);
        workflow.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Workflows.Include(w => w.Tools).SingleAsync(w => w.Id == id, cancellationToken);
            return await WorkflowInventory.ConflictAsync(fresh, current, null, cancellationToken);
        }
        var entry = await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, id.ToString(), workflow.Name, step.Action, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (step.Record is { } record)
        {
            record(db, entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (step.Status == WorkflowStatus.Submitted && statusBefore != WorkflowStatus.Submitted)
        {
            await Notifications.NotificationCenter.AwaitingApprovalAsync(db, clock, workflow, actor.UserId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (statusBefore == WorkflowStatus.Submitted && step.Status != WorkflowStatus.Submitted)
        {
            await Notifications.NotificationCenter.ApprovalHandledAsync(db, clock, workflow.Id, cancellationToken);
        }
        if (step.Status == WorkflowStatus.Paused && statusBefore != WorkflowStatus.Paused)
        {
            // "Stop using it": the pause is a record like any other, restarted through its checklist.
            await Incidents.Pausing.RecordReviewStopAsync(db, clock, actor, workflow, statusBefore,
                step.Notes.FirstOrDefault(n => n.Field == "Review notes")?.After, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, workflow.Id, workflow.Version, Message: step.Message);
    }
}

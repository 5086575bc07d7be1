using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Approvals;

/// <summary>Everything a workflow save is decided on, read by the caller in its transaction.</summary>
/// <param name="Stored">The stored workflow as a form (with its status and department), or null for a new one.</param>
/// <param name="Wanted">What the save asks to store; its status is what the caller asked for.</param>
/// <param name="History">The stored workflow's audit entries (any order), for separation of duties.</param>
/// <param name="PauseInForce">The reason of a pause in force on the workflow, or null.</param>
/// <param name="ClassificationRanks">Classification level id → rank, for material changes.</param>
public sealed record WorkflowSaveRequest(Actor? Actor, WorkflowForm? Stored, WorkflowForm Wanted, IReadOnlyList<AuditEntry> History,
    string? PauseInForce, InventoryNames Names, IReadOnlyDictionary<int, int> ClassificationRanks);

/// <summary>What a save decided: refused (with the reason, per field where it applies), or what to store and what follows.</summary>
/// <param name="Status">The status to store (a material change to an approved workflow submits it again).</param>
/// <param name="Changes">The audit entry's changes: the fields that differ, and why approval was re-opened.</param>
/// <param name="Unchanged">Nothing differs: store nothing and write no audit entry.</param>
/// <param name="NotifyAwaitingApproval">Compliance is told the workflow awaits their approval.</param>
/// <param name="ReopenReasons">The material changes that sent an approved workflow back, in words.</param>
public sealed record WorkflowSaveDecision(SaveOutcome? Refusal, WorkflowStatus Status, AuditAction Action, IReadOnlyList<FieldChange> Changes,
    bool Unchanged, bool NotifyAwaitingApproval, IReadOnlyList<string> ReopenReasons, string? Message)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// The one decision of a workflow save, taken alike for the edit page, the API (POST, PUT, PATCH), the import (page and API)
/// and the demo data: who may, which status follows (<see cref="WorkflowLifecycle"/>, <see cref="SeparationOfDuties"/>, a pause
/// in force, <see cref="MaterialChanges"/>), what the audit trail records and whom it notifies. Pure: the callers read the
/// inputs and write the outcome, each in their own way (one row through EF, or many rows through a bulk insert).
/// Field validation (<see cref="InventoryValidation"/>) is the caller's, before this: it needs the stored references.
/// </summary>
public static class WorkflowSave
{
    public static WorkflowSaveDecision Decide(WorkflowSaveRequest request)
    {
        var (actor, stored, wanted) = (request.Actor, request.Stored, request.Wanted);
        if (actor is null || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return Refused(SaveOutcome.Forbidden("Your role can read the inventory but not change it."));
        }
        if (stored?.DepartmentId is { } department && ScopeRefusal(actor, department) is { } scope)
        {
            return Refused(SaveOutcome.Forbidden(scope));
        }

        var before = stored is null ? null : WorkflowInventory.Describe(stored, request.Names);
        var after = WorkflowInventory.Describe(wanted, request.Names);
        var diff = AuditTrail.Diff(before ?? [], after);
        if (before is not null && diff.Count == 0)
        {
            // No new version (which would make a colleague's open form conflict) and no empty audit entry.
            return new WorkflowSaveDecision(null, stored!.Status, AuditAction.Changed, [], true, false, [], null);
        }

        var from = stored?.Status;
        var status = wanted.Status;
        if (WorkflowLifecycle.Refusal(actor, from, status, request.PauseInForce) is { } lifecycle)
        {
            return Invalid(lifecycle);
        }
        if (status == WorkflowStatus.Approved && from != WorkflowStatus.Approved)
        {
            // Nobody approves their own work: not what they created, last changed, or are changing in this very save.
            var refusal = stored is null || diff.Any(c => SeparationOfDuties.ContentFields.Contains(c.Field))
                ? (stored is null ? SeparationOfDuties.CreatingAsApproved : SeparationOfDuties.ChangingWhileApproving)
                : SeparationOfDuties.RefusalFor(actor.UserId, request.History);
            if (refusal is not null)
            {
                return Invalid(refusal);
            }
        }

        IReadOnlyList<string> reopen = [];
        string? message = null;
        var changes = diff; // a list of its own, which only the decision adds to
        if (from == WorkflowStatus.Approved && status == WorkflowStatus.Approved)
        {
            // Compliance approved what was recorded then: a material change needs their approval again, whoever makes it.
            reopen = MaterialChanges.Between(stored!, wanted, request.Names, request.ClassificationRanks);
            if (reopen.Count > 0)
            {
                status = WorkflowStatus.Submitted;
                changes = AuditTrail.Diff(before!, WorkflowInventory.Describe(WithStatus(wanted, status), request.Names));
                changes.Add(new FieldChange(MaterialChanges.ReopenedField, null, string.Join("; ", reopen)));
                message = $"Because of {string.Join("; ", reopen)}, it is submitted to compliance for approval again.";
            }
        }

        var action = stored is null ? AuditAction.Created
            : status == WorkflowStatus.Retired && from != WorkflowStatus.Retired ? AuditAction.Retired
            : AuditAction.Changed;
        var notify = status == WorkflowStatus.Submitted && from != WorkflowStatus.Submitted;
        return new WorkflowSaveDecision(null, status, action, changes, false, notify, reopen, message);
    }

    /// <summary>Why <paramref name="actor"/> may not change a stored workflow of <paramref name="departmentId"/>, or null.</summary>
    public static string? ScopeRefusal(Actor actor, int departmentId) =>
        actor.CanEditWorkflowsOf(departmentId) ? null : "You can only change workflows of your own department(s).";

    private static WorkflowForm WithStatus(WorkflowForm form, WorkflowStatus status)
    {
        var copy = form.Copy();
        copy.Status = status;
        return copy;
    }

    private static WorkflowSaveDecision Refused(SaveOutcome refusal) =>
        new(refusal, default, default, [], false, false, [], refusal.Message);

    private static WorkflowSaveDecision Invalid(string message)
    {
        var errors = new ValidationErrors();
        errors.Add(nameof(WorkflowForm.Status), message);
        return Refused(new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: message));
    }
}

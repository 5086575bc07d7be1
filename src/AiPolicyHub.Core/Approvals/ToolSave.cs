using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Approvals;

/// <summary>What a tool save does: refuse, store the change, or keep it as a proposal for compliance.</summary>
public enum ToolSaveEffect { Refused, Unchanged, Store, Propose }

/// <param name="Changes">The fields that differ, in the words of the tool page (the audit entry's, or the proposal's).</param>
/// <param name="ReopenReasons">What changed that the approvals of the workflows using the tool relied on.</param>
public sealed record ToolSaveDecision(ToolSaveEffect Effect, SaveOutcome? Refusal, AuditAction Action, IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<string> ReopenReasons, string? Message);

/// <summary>
/// The one decision of a tool save, for the tool page, the API (POST, PUT, PATCH) and the import. Managers propose tools and
/// edit proposed (or retired) ones; the status, conditions, data limit and notes of a tool compliance has decided on
/// (approved, approved with restrictions, prohibited) change only by a compliance officer or an administrator: a manager's
/// change to such a tool becomes a <see cref="ToolChangeProposal"/> that compliance accepts or rejects, while staff keep
/// reading the decided text. Pure. Field validation (<see cref="InventoryValidation"/>) is the caller's, before this.
/// </summary>
public static class ToolSave
{
    public const string ProposedMessage =
        "Compliance has decided on this tool, so your change is kept as a proposal: a compliance officer accepts or rejects it. "
        + "Until then everyone keeps seeing the tool as it is.";

    public static bool IsDecided(ToolApprovalStatus status) =>
        status is ToolApprovalStatus.Approved or ToolApprovalStatus.ApprovedWithRestrictions or ToolApprovalStatus.Prohibited;

    public static ToolSaveDecision Decide(Actor? actor, ToolForm? stored, ToolForm wanted, InventoryNames names,
        IReadOnlyDictionary<int, int> classificationRanks)
    {
        if (actor is null || !actor.CanEditTools)
        {
            return Refused(SaveOutcome.Forbidden("Your role can read the inventory but not change it."));
        }
        var before = stored is null ? null : ToolCatalog.Describe(stored, names);
        var changes = AuditTrail.Diff(before ?? [], ToolCatalog.Describe(wanted, names));
        if (before is not null && changes.Count == 0)
        {
            return new ToolSaveDecision(ToolSaveEffect.Unchanged, null, AuditAction.Changed, [], [], null);
        }
        IReadOnlyList<string> reopen = stored is null ? [] : MaterialChanges.Between(stored, wanted, names, classificationRanks);
        if (!actor.IsComplianceOrAdmin)
        {
            if (stored is not null && IsDecided(stored.ApprovalStatus))
            {
                return new ToolSaveDecision(ToolSaveEffect.Propose, null, AuditAction.Changed, changes, reopen, ProposedMessage);
            }
            var from = stored?.ApprovalStatus ?? ToolApprovalStatus.Proposed;
            // A manager keeps a proposed tool proposed, retires it, or proposes a retired one again; deciding is compliance's.
            var managerMayMove = (from, wanted.ApprovalStatus) switch
            {
                (ToolApprovalStatus.Proposed, ToolApprovalStatus.Retired) => stored is not null,
                (ToolApprovalStatus.Retired, ToolApprovalStatus.Proposed) => true,
                _ => false,
            };
            if (wanted.ApprovalStatus != from && !managerMayMove)
            {
                return Invalid(stored is null
                    ? "Only a compliance officer can approve or prohibit a tool; a new tool starts as proposed."
                    : "Only a compliance officer can approve, restrict, prohibit or retire a tool that compliance has decided on; "
                      + "a manager proposes tools and retires their own proposals.");
            }
        }
        var action = stored is null ? AuditAction.Created
            : wanted.ApprovalStatus == ToolApprovalStatus.Retired && stored.ApprovalStatus != ToolApprovalStatus.Retired ? AuditAction.Retired
            : AuditAction.Changed;
        return new ToolSaveDecision(ToolSaveEffect.Store, null, action, changes, reopen, null);
    }

    private static ToolSaveDecision Refused(SaveOutcome refusal) => new(ToolSaveEffect.Refused, refusal, default, [], [], refusal.Message);

    private static ToolSaveDecision Invalid(string message)
    {
        var errors = new ValidationErrors();
        errors.Add(nameof(ToolForm.ApprovalStatus), message);
        return Refused(new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: message));
    }
}

using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Approvals;

/// <summary>
/// Nobody decides on their own work: the person who created a workflow, and the person who last changed what it records,
/// may not approve or reject it. Both are read from the workflow's audit trail. Pure.
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>The workflow's recorded fields; a change to any of them (not to its status alone) makes someone its author.</summary>
    public static readonly IReadOnlySet<string> ContentFields = WorkflowInventory
        .Describe(new WorkflowForm(), new InventoryNames(new Dictionary<int, string>(), new Dictionary<int, string>(),
            new Dictionary<int, string>(), new Dictionary<string, string>()))
        .Keys.Where(field => field != nameof(WorkflowForm.Status)).ToHashSet();

    /// <summary>Why <paramref name="userId"/> may not approve or reject the workflow with <paramref name="history"/>, or null if they may.</summary>
    public static string? RefusalFor(string userId, IEnumerable<AuditEntry> history) =>
        RefusalFor(userId, history, ContentFields, "workflow");

    /// <summary>
    /// The same for any record approved like a workflow (an agent): <paramref name="contentFields"/> are its recorded fields,
    /// <paramref name="record"/> what the messages call it.
    /// </summary>
    public static string? RefusalFor(string userId, IEnumerable<AuditEntry> history, IReadOnlySet<string> contentFields, string record)
    {
        var entries = history.OrderBy(e => e.Id).ToList();
        if (entries.FirstOrDefault(e => e.Action == AuditAction.Created) is { } created && created.UserId == userId)
        {
            return $"You created this {record}, so another compliance officer or administrator must approve or reject it (separation of duties).";
        }
        if (entries.LastOrDefault(e => ChangesContent(e, contentFields)) is { } last && last.UserId == userId)
        {
            return $"You made the last change to this {record} ({last.At:yyyy-MM-dd HH:mm} UTC), so another compliance officer or administrator "
                + "must approve or reject it (separation of duties).";
        }
        return null;
    }

    /// <summary>The refusal when someone changes a workflow and approves it in the same save.</summary>
    public const string ChangingWhileApproving =
        "You are changing this workflow as you approve it: save your changes without approving, and another compliance officer or "
        + "administrator approves it (separation of duties).";

    /// <summary>The refusal when someone creates a workflow as approved (the form, the API or an import).</summary>
    public const string CreatingAsApproved =
        "A new workflow cannot be created as approved: record it as a draft or submitted, and another compliance officer or "
        + "administrator approves it (separation of duties).";

    /// <summary>Whether an entry made its author responsible for what the workflow records (a decision or a review does not).</summary>
    public static bool ChangesContent(AuditEntry entry) => ChangesContent(entry, ContentFields);

    private static bool ChangesContent(AuditEntry entry, IReadOnlySet<string> contentFields) =>
        entry.Action == AuditAction.Created
        || (entry.Action == AuditAction.Changed && AuditTrail.ChangesOf(entry).Any(c => contentFields.Contains(AuditFields.KeyOf(c.Field))));
}

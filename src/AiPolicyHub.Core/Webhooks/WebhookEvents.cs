using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Policies;

namespace AiPolicyHub.Core.Webhooks;

/// <summary>The events a URL can subscribe to, with the words the admin page shows.</summary>
public static class WebhookEventTypes
{
    public const string WorkflowApproved = "workflow.approved";
    public const string WorkflowPaused = "workflow.paused";
    public const string WorkflowRestarted = "workflow.restarted";
    public const string IncidentReported = "incident.reported";
    public const string ToolStatusChanged = "tool.status_changed";
    public const string ToolPaused = "tool.paused";
    public const string ToolRestarted = "tool.restarted";
    public const string PolicyPublished = "policy.published";
    /// <summary>Sent only by "Send a test event", to one subscription; nobody subscribes to it.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<(string Type, string Title)> All =
    [
        (WorkflowApproved, "A workflow is approved"),
        (WorkflowPaused, "A workflow is paused"),
        (WorkflowRestarted, "A workflow is restarted"),
        (IncidentReported, "An incident is reported"),
        (ToolStatusChanged, "An AI tool's approval status changes"),
        (ToolPaused, "An AI tool is paused"),
        (ToolRestarted, "An AI tool is restarted"),
        (PolicyPublished, "A version of the AI usage policy is published"),
    ];

    public static bool IsKnown(string type) => All.Any(e => e.Type == type);

    public static string TitleOf(string type) => type == Test ? "Test event" : All.FirstOrDefault(e => e.Type == type).Title ?? type;
}

/// <summary>What happened, to what, as a delivery tells it. <paramref name="Data"/> holds a few facts of the event (e.g. a status before and after).</summary>
public sealed record WebhookEvent(string Type, string SubjectType, string SubjectId, string SubjectName, string Link,
    IReadOnlyDictionary<string, string> Data);

/// <summary>
/// Turns audit entries into events. The audit trail is the single place every write path (the pages, the REST API, the
/// import, the scheduled risk checks, the demo data) records its changes, in the same transaction as the change; reading
/// events from it means no path can change a workflow's status without its event, and no event is sent for a change that
/// was rolled back. Pure: decided from the entry alone.
/// </summary>
public static class WebhookEventMapping
{
    private const string StatusField = nameof(WorkflowForm.Status);
    private const string ToolStatusField = nameof(ToolForm.ApprovalStatus);

    private static readonly string Approved = EnumText.Of(WorkflowStatus.Approved), Paused = EnumText.Of(WorkflowStatus.Paused);

    public static IReadOnlyList<WebhookEvent> EventsOf(AuditEntry entry)
    {
        return entry.EntityType switch
        {
            WorkflowInventory.EntityType => WorkflowEvents(entry),
            ToolCatalog.EntityType => ToolEvents(entry),
            IncidentLog.EntityType when entry.Action == AuditAction.Reported =>
                [new WebhookEvent(WebhookEventTypes.IncidentReported, "incident", entry.EntityId, entry.EntityName, $"/incidents/{entry.EntityId}",
                    Pick(entry, "Severity", "Category"))],
            PolicyDocuments.VersionEntityType when entry.Action == AuditAction.Approved =>
                [new WebhookEvent(WebhookEventTypes.PolicyPublished, "policy-version", entry.EntityId, entry.EntityName, $"/policy/versions/{entry.EntityId}",
                    new Dictionary<string, string> { ["version"] = entry.EntityId })],
            _ => [],
        };
    }

    private static IReadOnlyList<WebhookEvent> WorkflowEvents(AuditEntry entry)
    {
        var status = StatusChange(entry, StatusField);
        string? type = entry.Action switch
        {
            AuditAction.Approved => WebhookEventTypes.WorkflowApproved,
            // A save (page, API, import) that moves a workflow to approved approves it too; a restart back to approved does not.
            AuditAction.Created or AuditAction.Changed when status is { After: var after, Before: var before }
                && after == Approved && before != Paused => WebhookEventTypes.WorkflowApproved,
            // Paused by hand, by a risk trigger, with its tool, or by a review that said "stop using it"; pausing a workflow
            // that is paused already is not news.
            AuditAction.Paused or AuditAction.Reviewed when status?.After == Paused => WebhookEventTypes.WorkflowPaused,
            // Restarted only when no other pause still holds it.
            AuditAction.Restarted when status?.Before == Paused => WebhookEventTypes.WorkflowRestarted,
            _ => null,
        };
        if (type is null)
        {
            return [];
        }
        var data = new Dictionary<string, string>();
        if (status is not null)
        {
            data["status"] = status.After ?? "";
            data["previousStatus"] = status.Before ?? "";
        }
        return [new WebhookEvent(type, "workflow", entry.EntityId, entry.EntityName, $"/workflows/{entry.EntityId}", data)];
    }

    private static IReadOnlyList<WebhookEvent> ToolEvents(AuditEntry entry)
    {
        var link = $"/tools/{entry.EntityId}";
        switch (entry.Action)
        {
            case AuditAction.Paused:
                return [new WebhookEvent(WebhookEventTypes.ToolPaused, "tool", entry.EntityId, entry.EntityName, link, new Dictionary<string, string>())];
            case AuditAction.Restarted:
                return [new WebhookEvent(WebhookEventTypes.ToolRestarted, "tool", entry.EntityId, entry.EntityName, link, new Dictionary<string, string>())];
            case AuditAction.Changed or AuditAction.Retired when StatusChange(entry, ToolStatusField) is { Before: { } before, After: { } after }:
                return [new WebhookEvent(WebhookEventTypes.ToolStatusChanged, "tool", entry.EntityId, entry.EntityName, link,
                    new Dictionary<string, string> { ["status"] = after, ["previousStatus"] = before })];
            default:
                return [];
        }
    }

    private static FieldChange? StatusChange(AuditEntry entry, string field) =>
        AuditTrail.ChangesOf(entry).FirstOrDefault(c => AuditFields.KeyOf(c.Field) == field && c.Before != c.After);

    private static Dictionary<string, string> Pick(AuditEntry entry, params string[] fields)
    {
        var changes = AuditTrail.ChangesOf(entry);
        var data = new Dictionary<string, string>();
        foreach (var field in fields)
        {
            if (changes.FirstOrDefault(c => c.Field == field)?.After is { } value)
            {
                data[char.ToLowerInvariant(field[0]) + field[1..]] = value;
            }
        }
        return data;
    }
}

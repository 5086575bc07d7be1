using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Webhooks;

namespace AiPolicyHub.Core.Tests.Webhooks;

/// <summary>Which audit entries are which events: decided from the entry alone, whatever path wrote it.</summary>
public sealed class WebhookEventMappingTests
{
    private static AuditEntry Entry(string entityType, AuditAction action, params FieldChange[] changes) => new()
    {
        Id = 7, EntityType = entityType, EntityId = "42", EntityName = "Support reply drafts", Action = action,
        ChangesJson = AuditChain.Serialize(changes),
    };

    private static string[] Types(AuditEntry entry) => [.. WebhookEventMapping.EventsOf(entry).Select(e => e.Type)];

    [Fact]
    public void A_decision_or_a_save_that_approves_a_workflow_is_an_approval()
    {
        Assert.Equal(["workflow.approved"], Types(Entry("Workflow", AuditAction.Approved, new FieldChange("Status", "Submitted", "Approved"))));
        Assert.Equal(["workflow.approved"], Types(Entry("Workflow", AuditAction.Changed, new FieldChange("Status", "Submitted", "Approved"))));
        Assert.Empty(Types(Entry("Workflow", AuditAction.Changed, new FieldChange("Purpose", "Old", "New"))));
        Assert.Empty(Types(Entry("Workflow", AuditAction.Rejected, new FieldChange("Status", "Submitted", "Rejected"))));
    }

    [Fact]
    public void A_restart_back_to_approved_is_a_restart_not_an_approval_and_a_pause_that_changes_nothing_is_no_event()
    {
        Assert.Equal(["workflow.restarted"], Types(Entry("Workflow", AuditAction.Restarted, new FieldChange("Status", "Paused", "Approved"))));
        Assert.Empty(Types(Entry("Workflow", AuditAction.Restarted, new FieldChange("Still paused because", null, "Another pause"))));
        Assert.Equal(["workflow.paused"], Types(Entry("Workflow", AuditAction.Paused, new FieldChange("Status", "Approved", "Paused"))));
        Assert.Empty(Types(Entry("Workflow", AuditAction.Paused, new FieldChange("Paused", null, "The AI tool is paused"))));
        Assert.Equal(["workflow.paused"], Types(Entry("Workflow", AuditAction.Reviewed, new FieldChange("Status", "Approved", "Paused"))));
    }

    [Fact]
    public void A_tools_status_change_names_both_statuses_and_a_new_tool_has_no_status_change()
    {
        var changed = Assert.Single(WebhookEventMapping.EventsOf(Entry("AiTool", AuditAction.Changed, new FieldChange("ApprovalStatus", "Approved", "Prohibited"))));
        Assert.Equal(("tool.status_changed", "Approved", "Prohibited", "/tools/42"), (changed.Type, changed.Data["previousStatus"], changed.Data["status"], changed.Link));
        // Entries from before fields were stored by key name them by their label.
        Assert.Equal(["tool.status_changed"], Types(Entry("AiTool", AuditAction.Retired, new FieldChange("Approval status", "Proposed", "Retired"))));
        Assert.Empty(Types(Entry("AiTool", AuditAction.Created, new FieldChange("ApprovalStatus", null, "Approved"))));
        Assert.Equal(["tool.paused"], Types(Entry("AiTool", AuditAction.Paused)));
        Assert.Equal(["tool.restarted"], Types(Entry("AiTool", AuditAction.Restarted)));
    }

    [Fact]
    public void Incidents_and_published_policy_versions_are_events_and_other_entries_are_not()
    {
        var incident = Assert.Single(WebhookEventMapping.EventsOf(Entry("Incident", AuditAction.Reported,
            new FieldChange("Severity", null, "High"), new FieldChange("What happened", null, "Details stay in the app"))));
        Assert.Equal(("incident.reported", "High"), (incident.Type, incident.Data["severity"]));
        Assert.DoesNotContain("Details stay in the app", incident.Data.Values);
        Assert.Equal(["policy.published"], Types(Entry("PolicyVersion", AuditAction.Approved)));
        Assert.Empty(Types(Entry("Incident", AuditAction.Triaged, new FieldChange("Status", "Reported", "Resolved"))));
        Assert.Empty(Types(Entry("ApiToken", AuditAction.Created)));
        Assert.Empty(Types(Entry("WebhookSubscription", AuditAction.Created)));
    }
}

using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// The record fields an audit entry names, by stable key (the form's property name), and the words a person reads for each.
/// Entries store keys; pages, reports and conflict dialogs show <see cref="Label"/>; decisions compare keys only, so
/// rewording a label changes no decision. Entries written before keys existed named fields by their label:
/// <see cref="KeyOf"/> reads those back as keys.
/// </summary>
public static class AuditFields
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        // Workflows
        [nameof(WorkflowForm.Name)] = "Name",
        [nameof(WorkflowForm.DepartmentId)] = "Department",
        [nameof(WorkflowForm.OwnerId)] = "Owner",
        [nameof(WorkflowForm.Purpose)] = "Purpose",
        [nameof(WorkflowForm.ToolIds)] = "AI tools",
        [nameof(WorkflowForm.Stage)] = "Lifecycle stage",
        [nameof(WorkflowForm.Autonomy)] = "Autonomy",
        [nameof(WorkflowForm.Audience)] = "Audience",
        [nameof(WorkflowForm.AffectsPeople)] = "Affects people's rights or opportunities",
        [nameof(WorkflowForm.DataClassificationId)] = "Data classification",
        [nameof(WorkflowForm.DataCategories)] = "Data categories",
        [nameof(WorkflowForm.Oversight)] = "Human oversight",
        [nameof(WorkflowForm.SpotCheckPercent)] = "Spot-check sample",
        [nameof(WorkflowForm.ApprovingRole)] = "Approving role",
        [nameof(WorkflowForm.Controls)] = "Verification controls",
        [nameof(WorkflowForm.MonthlyVolume)] = "Monthly volume",
        [nameof(WorkflowForm.ReviewCadenceMonths)] = "Review cadence",
        [nameof(WorkflowForm.NextReviewDate)] = "Next review date",
        [nameof(WorkflowForm.Status)] = "Status",
        // Tools (Name and OwnerId as above)
        [nameof(ToolForm.Vendor)] = "Vendor",
        [nameof(ToolForm.ModelVersion)] = "Model or version",
        [nameof(ToolForm.Deployment)] = "Deployment",
        [nameof(ToolForm.Capabilities)] = "Capabilities",
        [nameof(ToolForm.TrainsOnOurData)] = "Trains on our data",
        [nameof(ToolForm.RetentionDays)] = "Retention",
        [nameof(ToolForm.DataResidency)] = "Data residency",
        [nameof(ToolForm.HasDataProcessingAgreement)] = "Data-processing agreement",
        [nameof(ToolForm.MaxClassificationId)] = "Highest classification allowed",
        [nameof(ToolForm.ApprovalStatus)] = "Approval status",
        [nameof(ToolForm.Notes)] = "Notes",
        // Agents and connectors (Name, Purpose, DepartmentId, OwnerId, Autonomy, DataClassificationId, Status, Notes as above)
        [nameof(Agents.AgentForm.ToolId)] = "Runs on",
        [nameof(Agents.AgentForm.Permissions)] = "Permissions",
        [nameof(Agents.AgentForm.ConnectorIds)] = "Connectors",
        [nameof(Agents.AgentForm.Checkpoints)] = "Human checkpoints",
        [nameof(Agents.AgentForm.WorkflowIds)] = "Workflows relying on it",
        [nameof(Agents.AgentForm.LastActivityOn)] = "Last activity",
        [nameof(Agents.AgentForm.OperatorRole)] = "EU AI Act role",
        [nameof(Agents.ConnectorForm.Kind)] = "Kind",
        [nameof(Agents.ConnectorForm.Endpoint)] = "Endpoint",
        [nameof(Agents.ConnectorForm.ToolsExposed)] = "Tools it exposes",
        // Notes entries carry beside the fields
        [Approvals.MaterialChanges.ReopenedField] = "Sent back for approval because",
    };

    private static readonly Dictionary<string, string> KeysByLabel =
        Labels.GroupBy(l => l.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    /// <summary>What a person reads for <paramref name="field"/>; a field without a label (a note such as "Comment") reads as itself.</summary>
    public static string Label(string field) => Labels.GetValueOrDefault(field, field);

    /// <summary>The key of a field as an entry names it: a key as it is, an older entry's label as the key it stands for.</summary>
    public static string KeyOf(string field) => Labels.ContainsKey(field) ? field : KeysByLabel.GetValueOrDefault(field, field);
}

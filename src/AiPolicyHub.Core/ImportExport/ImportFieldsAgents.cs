using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;

namespace AiPolicyHub.Core.ImportExport;

public static partial class ImportFields
{
    /// <summary>Between a checkpoint's permission and who approves it, in a checkpoints cell ("Spend money or commit the organisation: Finance lead").</summary>
    public const string CheckpointSeparator = ": ";

    /// <summary>
    /// An agent's fields, in the words of the agent page. Agents are found again by their name within their department (they
    /// keep no external id), and what they refer to by name: the AI tool, the connectors and the workflows relying on them.
    /// </summary>
    public static readonly IReadOnlyList<ImportField> Agent =
    [
        new(ImportFieldKey.Name, "Name", ImportFieldKind.Text, "What the agent is called (unique within its department).", 200, true,
            Synonyms: ["name", "agent", "agent name", "title"]),
        new(ImportFieldKey.Department, "Department", ImportFieldKind.Department, "The department's name.", 200, true,
            Synonyms: ["department", "dept", "business unit", "unit"]),
        new(ImportFieldKey.Owner, "Owner", ImportFieldKind.Person, "The owner's email address or name, as a user of AiPolicyHub.",
            Synonyms: ["owner", "owner email", "responsible"]),
        new(ImportFieldKey.Purpose, "Purpose", ImportFieldKind.Text, "What the agent does and why.", Agents.Agent.PurposeMaxLength, true,
            Synonyms: ["purpose", "description", "summary"]),
        new(ImportFieldKey.AiTool, "AI tool", ImportFieldKind.ToolNames, "The name of the AI tool or model it runs on.", Required: true,
            Synonyms: ["ai tool", "tool", "model", "runs on"]),
        new(ImportFieldKey.Permissions, "Permissions", ImportFieldKind.Choices, "What it can do, separated by semicolons or commas.",
            EnumType: typeof(AgentPermissions), Synonyms: ["permissions", "actions", "can"]),
        new(ImportFieldKey.Connectors, "Connectors", ImportFieldKind.Text, "Names of the connectors it uses, separated by semicolons.",
            Synonyms: ["connectors", "mcp servers", "tool servers"]),
        new(ImportFieldKey.Autonomy, "Autonomy", ImportFieldKind.Choice, "How far it acts on its own.", EnumType: typeof(AgentAutonomy),
            Synonyms: ["autonomy"]),
        new(ImportFieldKey.Checkpoints, "Human checkpoints", ImportFieldKind.Text,
            $"Each permission a person approves and who, as “permission{CheckpointSeparator}approver”, separated by semicolons.",
            Synonyms: ["human checkpoints", "checkpoints", "approvals"]),
        new(ImportFieldKey.LinkedWorkflows, "Workflows relying on it", ImportFieldKind.Text, "Names of workflows, separated by semicolons.",
            Synonyms: ["workflows", "workflows relying on it", "used by"]),
        new(ImportFieldKey.DataClassification, "Data classification", ImportFieldKind.Classification, "The most sensitive data it reaches.", Required: true,
            Synonyms: ["classification", "data classification", "sensitivity"]),
        new(ImportFieldKey.LastActivity, "Last activity", ImportFieldKind.Date, "When it last acted: yyyy-mm-dd.",
            Synonyms: ["last activity", "last active", "last run"]),
        new(ImportFieldKey.Status, "Status", ImportFieldKind.Choice, "Draft unless given; approving takes a compliance officer.", EnumType: typeof(WorkflowStatus),
            Synonyms: ["status", "approval status"]),
        new(ImportFieldKey.OperatorRole, "EU AI Act role", ImportFieldKind.Choice,
            "The organisation's role for it: deployer (we use it; the default), provider, importer or distributor.", EnumType: typeof(OperatorRole),
            Synonyms: ["eu ai act role", "operator role", "ai act role", "our role"]),
    ];
}

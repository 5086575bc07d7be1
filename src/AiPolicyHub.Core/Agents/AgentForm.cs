using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;

namespace AiPolicyHub.Core.Agents;

/// <summary>One human checkpoint as a form holds it: the permission a person approves, and who (a role or a person).</summary>
public sealed record CheckpointForm(AgentPermissions Permission, string Approver);

/// <summary>What a person edits on the agent page (or sends through the API); the service validates it and applies it.</summary>
public sealed class AgentForm
{
    public string Name { get; set; } = "";
    public string Purpose { get; set; } = "";
    public int? DepartmentId { get; set; }
    public string? OwnerId { get; set; }
    public int? ToolId { get; set; }
    public AgentPermissions Permissions { get; set; } = AgentPermissions.ReadData;
    public AgentAutonomy Autonomy { get; set; } = AgentAutonomy.SuggestsOnly;
    public List<int> ConnectorIds { get; set; } = [];
    public List<CheckpointForm> Checkpoints { get; set; } = [];
    public List<int> WorkflowIds { get; set; } = [];
    public int? DataClassificationId { get; set; }
    public DateOnly? LastActivityOn { get; set; }
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Draft;

    /// <summary>The organisation's role for the agent under the EU AI Act; deployer unless recorded otherwise.</summary>
    public OperatorRole OperatorRole { get; set; } = OperatorRole.Deployer;

    /// <summary>The version this form was loaded from; 0 for a new agent.</summary>
    public int Version { get; set; }

    /// <summary>When the stored agent was approved (or else recorded), for the dormant rule; shown, never edited. Null for a new agent.</summary>
    public DateOnly? InUseSince { get; private set; }

    /// <summary>The permissions a person approves before they take effect.</summary>
    public AgentPermissions CheckpointedPermissions
    {
        get
        {
            var covered = AgentPermissions.None;
            foreach (var checkpoint in Checkpoints)
            {
                covered |= checkpoint.Permission;
            }
            return covered;
        }
    }

    public AgentForm Copy()
    {
        var copy = (AgentForm)MemberwiseClone();
        copy.ConnectorIds = [.. ConnectorIds];
        copy.Checkpoints = [.. Checkpoints];
        copy.WorkflowIds = [.. WorkflowIds];
        return copy;
    }

    public static AgentForm From(Agent a) => new()
    {
        Name = a.Name,
        Purpose = a.Purpose,
        DepartmentId = a.DepartmentId,
        OwnerId = a.OwnerId,
        ToolId = a.ToolId,
        Permissions = a.Permissions,
        Autonomy = a.Autonomy,
        ConnectorIds = [.. a.Connectors.Select(c => c.ConnectorId).Order()],
        Checkpoints = [.. a.Checkpoints.OrderBy(c => c.Permission).Select(c => new CheckpointForm(c.Permission, c.Approver))],
        WorkflowIds = [.. a.Workflows.Select(w => w.WorkflowId).Order()],
        DataClassificationId = a.DataClassificationId,
        LastActivityOn = a.LastActivityOn,
        Status = a.Status,
        OperatorRole = a.OperatorRole,
        Version = a.Version,
        InUseSince = a.InUseSince,
    };

    internal void ApplyTo(Agent a)
    {
        a.Name = Name.Trim();
        a.Purpose = Purpose.Trim();
        a.DepartmentId = DepartmentId!.Value;
        a.OwnerId = string.IsNullOrEmpty(OwnerId) ? null : OwnerId;
        a.ToolId = ToolId!.Value;
        a.Permissions = Permissions;
        a.Autonomy = Autonomy;
        var connectors = ConnectorIds.ToHashSet();
        a.Connectors.RemoveAll(c => !connectors.Contains(c.ConnectorId));
        foreach (var id in connectors.Except(a.Connectors.Select(c => c.ConnectorId)))
        {
            a.Connectors.Add(new AgentConnector { ConnectorId = id });
        }
        var workflows = WorkflowIds.ToHashSet();
        a.Workflows.RemoveAll(w => !workflows.Contains(w.WorkflowId));
        foreach (var id in workflows.Except(a.Workflows.Select(w => w.WorkflowId)))
        {
            a.Workflows.Add(new AgentWorkflow { WorkflowId = id });
        }
        var checkpoints = Checkpoints.GroupBy(c => c.Permission).ToDictionary(g => g.Key, g => g.Last().Approver.Trim());
        a.Checkpoints.RemoveAll(c => !checkpoints.ContainsKey(c.Permission));
        foreach (var (permission, approver) in checkpoints)
        {
            if (a.Checkpoints.Find(c => c.Permission == permission) is { } kept)
            {
                kept.Approver = approver;
            }
            else
            {
                a.Checkpoints.Add(new AgentCheckpoint { Permission = permission, Approver = approver });
            }
        }
        a.DataClassificationId = DataClassificationId!.Value;
        a.LastActivityOn = LastActivityOn;
        a.Status = Status;
        a.OperatorRole = OperatorRole;
    }
}

/// <summary>What a person edits on the connector page.</summary>
public sealed class ConnectorForm
{
    public string Name { get; set; } = "";
    public ConnectorKind Kind { get; set; } = ConnectorKind.McpServer;
    public string Endpoint { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string ToolsExposed { get; set; } = "";
    public int? DataClassificationId { get; set; }
    public ToolApprovalStatus ApprovalStatus { get; set; } = ToolApprovalStatus.Proposed;
    public string? OwnerId { get; set; }
    public string Notes { get; set; } = "";
    public int Version { get; set; }

    /// <summary>Why compliance paused it (null: not paused). Shown, never edited here: see <see cref="Incidents.PauseRegister.PauseConnectorAsync"/>.</summary>
    public string? PausedReason { get; private set; }

    public ConnectorForm Copy() => (ConnectorForm)MemberwiseClone();

    public static ConnectorForm From(Connector c) => new()
    {
        Name = c.Name,
        Kind = c.Kind,
        Endpoint = c.Endpoint,
        Vendor = c.Vendor,
        ToolsExposed = c.ToolsExposed,
        DataClassificationId = c.DataClassificationId,
        ApprovalStatus = c.ApprovalStatus,
        OwnerId = c.OwnerId,
        Notes = c.Notes,
        Version = c.Version,
        PausedReason = c.PausedReason,
    };

    internal void ApplyTo(Connector c)
    {
        c.Name = Name.Trim();
        c.Kind = Kind;
        c.Endpoint = Endpoint.Trim();
        c.Vendor = Vendor.Trim();
        c.ToolsExposed = ToolsExposed.Trim();
        c.DataClassificationId = DataClassificationId!.Value;
        c.ApprovalStatus = ApprovalStatus;
        c.OwnerId = string.IsNullOrEmpty(OwnerId) ? null : OwnerId;
        c.Notes = Notes.Trim();
    }
}

using System.ComponentModel;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Agents;

/// <summary>The actions an agent can take, in the categories compliance reviews (several at once).</summary>
[Flags]
public enum AgentPermissions
{
    None = 0,
    [Description("Read data")] ReadData = 1,
    [Description("Write or delete data")] WriteData = 2,
    [Description("Send messages outside the organisation")] SendOutside = 4,
    [Description("Spend money or commit the organisation")] SpendMoney = 8,
    [Description("Change code or configuration")] ChangeCode = 16,
    [Description("Act on people")] ActOnPeople = 32,
}

/// <summary>How far an agent acts on its own, in increasing order.</summary>
public enum AgentAutonomy
{
    [Description("Suggests only")] SuggestsOnly,
    [Description("Acts with a person's approval")] ActsWithApproval,
    [Description("Acts alone")] ActsAlone,
}

public enum ConnectorKind
{
    [Description("MCP server")] McpServer,
    [Description("API endpoint")] ApiEndpoint,
    [Description("Plug-in or extension")] Plugin,
    [Description("Other tool server")] Other,
}

/// <summary>
/// An AI agent recorded in the inventory: what it is for, what it runs on, what it may do and through which connectors,
/// how far it acts alone and which of its actions a person approves. Its status follows the workflow lifecycle
/// (<see cref="Approvals.WorkflowLifecycle"/>): draft, submitted, approved, rejected, paused, retired.
/// </summary>
public class Agent
{
    public const int PurposeMaxLength = 4000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Purpose { get; set; } = "";
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string? OwnerId { get; set; }

    /// <summary>The AI tool or model it runs on.</summary>
    public int ToolId { get; set; }
    public AiTool? Tool { get; set; }

    public AgentPermissions Permissions { get; set; }
    public AgentAutonomy Autonomy { get; set; }
    public List<AgentConnector> Connectors { get; set; } = [];
    public List<AgentCheckpoint> Checkpoints { get; set; } = [];
    /// <summary>The workflows that rely on this agent: pausing the agent pauses them.</summary>
    public List<AgentWorkflow> Workflows { get; set; } = [];

    /// <summary>The most sensitive data it reaches.</summary>
    public int DataClassificationId { get; set; }
    public DataClassificationLevel? DataClassification { get; set; }

    /// <summary>When it last acted, set by hand or through the API; null when nobody recorded it yet.</summary>
    public DateOnly? LastActivityOn { get; set; }

    /// <summary>The day it was recorded (every save sets it; agents older than the column count from the day it was added); with no activity recorded, dormancy counts from here, or from its approval.</summary>
    public DateOnly? CreatedOn { get; set; }

    /// <summary>The day it was last approved; null until it is. With no activity recorded, dormancy counts from here.</summary>
    public DateOnly? ApprovedOn { get; set; }

    public WorkflowStatus Status { get; set; }

    /// <summary>
    /// The organisation's role for the agent under the EU AI Act (deployer unless recorded otherwise, as for workflows); its
    /// obligations follow from it and from the workflows relying on it (<see cref="Obligations.AgentObligations"/>).
    /// </summary>
    public Obligations.OperatorRole OperatorRole { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a save from an older version is refused.</summary>
    public int Version { get; set; }

    public bool IsRetired => Status == WorkflowStatus.Retired;

    /// <summary>The day from which its inactivity counts when no activity is recorded: its approval, or else its creation.</summary>
    public DateOnly? InUseSince => ApprovedOn ?? CreatedOn;
}

public class AgentConnector
{
    public int AgentId { get; set; }
    public int ConnectorId { get; set; }
    public Connector? Connector { get; set; }
}

/// <summary>An action of the agent that a person approves before it takes effect, and who that is (a role or a person).</summary>
public class AgentCheckpoint
{
    public int AgentId { get; set; }
    /// <summary>One permission category (a single flag).</summary>
    public AgentPermissions Permission { get; set; }
    public string Approver { get; set; } = "";
}

public class AgentWorkflow
{
    public int AgentId { get; set; }
    public int WorkflowId { get; set; }
}

/// <summary>A connector (an MCP server or another tool server) through which agents reach data and act.</summary>
public class Connector
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ConnectorKind Kind { get; set; }
    public string Endpoint { get; set; } = "";
    public string Vendor { get; set; } = "";
    /// <summary>The tools it exposes, one per line (e.g. "send_email").</summary>
    public string ToolsExposed { get; set; } = "";
    /// <summary>The most sensitive data it reaches.</summary>
    public int DataClassificationId { get; set; }
    public DataClassificationLevel? DataClassification { get; set; }
    public ToolApprovalStatus ApprovalStatus { get; set; }
    public string? OwnerId { get; set; }
    public string Notes { get; set; } = "";
    /// <summary>Why compliance paused it; null while it is not paused. A paused connector pauses every agent using it.</summary>
    public string? PausedReason { get; set; }
    public int Version { get; set; }

    public bool IsRetired => ApprovalStatus == ToolApprovalStatus.Retired;
}

using System.ComponentModel;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Incidents;

public enum PauseState
{
    /// <summary>A risk trigger proposed it; compliance has not decided yet. It stops nothing.</summary>
    [Description("Proposed")] Proposed,
    [Description("In force")] Active,
    [Description("Restarted")] Lifted,
    [Description("Proposal dismissed")] Dismissed,
}

/// <summary>The items of a pause's restart checklist; the sign-off is the restart itself.</summary>
public enum RestartCondition
{
    [Description("Root cause documented")] RootCauseDocumented,
    [Description("Controls updated")] ControlsUpdated,
    [Description("Re-assessment done")] ReassessmentDone,
}

/// <summary>
/// One pause, kept as a record with its cause: of one workflow, or of a tool (then each workflow using the tool gets
/// its own pause, with <see cref="ParentId"/> pointing at the tool's). A workflow is paused while any active pause
/// applies to it, so lifting one pause never silently restarts a workflow another pause still holds.
/// </summary>
public class Pause
{
    public int Id { get; set; }
    /// <summary>Set for a workflow's pause; null for a tool's.</summary>
    public int? WorkflowId { get; set; }
    /// <summary>Set for a tool's pause; null for a workflow's.</summary>
    public int? ToolId { get; set; }
    /// <summary>Set for an agent's pause (by hand, or following from its connector's pause).</summary>
    public int? AgentId { get; set; }
    /// <summary>Set for a connector's pause: every agent using the connector gets its own pause pointing at this one.</summary>
    public int? ConnectorId { get; set; }
    /// <summary>The tool, connector or agent pause this pause follows from; it is lifted with that one.</summary>
    public int? ParentId { get; set; }
    public PauseState State { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The risk trigger that fired (see <see cref="RiskTriggerIds"/>), or null for a pause by hand.</summary>
    public string? TriggerId { get; set; }
    public int? IncidentId { get; set; }
    /// <summary>What fired a trigger, so the same event never pauses twice (e.g. "critical-incident:12").</summary>
    public string? EventKey { get; set; }
    /// <summary>The workflow's status before it was paused, restored when its last pause is lifted.</summary>
    public WorkflowStatus StatusBefore { get; set; }
    /// <summary>Who paused it (or proposed it); they may not sign off its restart.</summary>
    public string PausedById { get; set; } = "";
    public string PausedByName { get; set; } = "";
    public DateTime PausedAt { get; set; }
    public bool RootCauseDocumented { get; set; }
    public bool ControlsUpdated { get; set; }
    public bool ReassessmentDone { get; set; }
    public string? EndedById { get; set; }
    public string? EndedByName { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndNote { get; set; }
    public int Version { get; set; }

    public bool IsActive => State == PauseState.Active;

    public bool Met(RestartCondition condition) => condition switch
    {
        RestartCondition.RootCauseDocumented => RootCauseDocumented,
        RestartCondition.ControlsUpdated => ControlsUpdated,
        _ => ReassessmentDone,
    };

    internal void Set(RestartCondition condition, bool met)
    {
        switch (condition)
        {
            case RestartCondition.RootCauseDocumented: RootCauseDocumented = met; break;
            case RestartCondition.ControlsUpdated: ControlsUpdated = met; break;
            default: ReassessmentDone = met; break;
        }
    }

    public bool AllConditionsMet => RootCauseDocumented && ControlsUpdated && ReassessmentDone;
}

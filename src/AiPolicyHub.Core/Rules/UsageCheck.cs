using System.ComponentModel;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// A question from the staff checker: may I use <see cref="Tool"/> (null: a tool that is not listed) for
/// <see cref="Task"/> with this data, for this audience? <see cref="TaskDescription"/> is the person's own words for
/// <see cref="UsageTask.Other"/>. <see cref="Autonomy"/> is set when an agent would do it: the use is then as autonomous as the
/// agent (<see cref="Agents.AgentRules.OnWorkflowScale"/>) when that is more than the task implies.
/// </summary>
public sealed record UsageCheck(
    RuleTool? Tool,
    UsageTask Task,
    int ClassificationRank,
    DataCategories DataCategories,
    Audience Audience,
    bool DecidesAboutPeople,
    string? TaskDescription = null,
    Autonomy? Autonomy = null);

public enum Verdict
{
    [Description("Allowed")] Allowed,
    [Description("Allowed with conditions")] AllowedWithConditions,
    [Description("Not allowed")] NotAllowed,
    /// <summary>The tool is paused: do not use it until it is restarted.</summary>
    [Description("Paused")] Paused,
    /// <summary>
    /// A high-risk use (decisions about people, an EU AI Act high-risk area, a critical finding): never ad hoc, only by
    /// following a workflow compliance approved for it, whose owner carries the obligations.
    /// </summary>
    [Description("Only in an approved workflow")] ApprovedWorkflowOnly,
}

/// <summary>
/// The checker's answer. <see cref="Reasons"/> say why (for “not allowed”, with what would change it; empty for a plain
/// “allowed”); <see cref="Conditions"/> are what the person asking can and must do when the verdict is
/// <see cref="Verdict.AllowedWithConditions"/> (obligations only a workflow's owner can meet make it
/// <see cref="Verdict.ApprovedWorkflowOnly"/>);
/// <see cref="Findings"/> are the rule findings behind it, with their framework references.
/// </summary>
public sealed record UsageAnswer(
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<RuleFinding> Findings);

/// <summary>An approved tool that could be used instead, and the answer for it.</summary>
public sealed record UsageAlternative(RuleTool Tool, UsageAnswer Answer);

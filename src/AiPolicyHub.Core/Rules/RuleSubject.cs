using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// What the rules look at: one workflow (or a use proposed in the staff checker) described with plain values, so the
/// engine needs no database and a caller can build it from a query projection as easily as from an entity.
/// </summary>
public sealed record RuleSubject
{
    public required string Name { get; init; }
    /// <summary>What it is for, in the owner's words (the EU AI Act suggestion reads it).</summary>
    public string Purpose { get; init; } = "";
    public required LifecycleStage Stage { get; init; }
    public required WorkflowStatus Status { get; init; }
    public required Autonomy Autonomy { get; init; }
    public required Audience Audience { get; init; }
    public PeopleImpact AffectsPeople { get; init; }

    /// <summary>Rank of the most sensitive data the AI receives (higher is more sensitive).</summary>
    public required int ClassificationRank { get; init; }
    public required string ClassificationName { get; init; }
    public DataCategories DataCategories { get; init; }

    public required HumanOversight Oversight { get; init; }
    /// <summary>Share of outputs checked when <see cref="Oversight"/> is a spot-check, 1–100.</summary>
    public int? SpotCheckPercent { get; init; }
    public VerificationControls Controls { get; init; }

    /// <summary>About how many times a month it is used; null when unknown.</summary>
    public int? MonthlyVolume { get; init; }

    public bool HasOwner { get; init; }
    public DateOnly? NextReviewDate { get; init; }

    public required IReadOnlyList<RuleTool> Tools { get; init; }

    /// <summary>The workflow itself is paused (a risk trigger fired); it must not be used until it is restarted.</summary>
    public bool IsPaused { get; init; }

    /// <summary>
    /// Dated evidence attached to the workflow and to the tools it uses (<see cref="RuleEvidence"/>); loaders pass only what
    /// has an expiry date (<see cref="Evidence.EvidenceExpiries"/>), and the rule compares it with the day.
    /// </summary>
    public IReadOnlyList<RuleEvidence> Evidence { get; init; } = [];
    /// <summary>What is recorded about it under the EU AI Act (role, high-risk area, FRIA, transparency); unknown for a question.</summary>
    public Obligations.EuAiActProfile EuAiAct { get; init; } = Obligations.EuAiActProfile.Unknown;
    /// <summary>Set when the subject is an agent (see <see cref="Agents.AgentRules"/>): only the agent rules judge it.</summary>
    public RuleAgent? Agent { get; init; }

    /// <summary>Retired workflows are no longer in use, so no rule applies to them.</summary>
    public bool IsRetired => Status == WorkflowStatus.Retired || Stage == LifecycleStage.Retired;

    /// <summary>
    /// The subject for a stored workflow. Its <see cref="Workflow.DataClassification"/> must be loaded; the tools are
    /// passed separately (see <see cref="RuleTool.From"/>) because they are usually loaded once for many workflows.
    /// </summary>
    public static RuleSubject From(Workflow workflow, IReadOnlyList<RuleTool> tools, bool isPaused = false)
    {
        var level = workflow.DataClassification
            ?? throw new InvalidOperationException($"Load the data classification of workflow {workflow.Id} before evaluating rules.");
        return From(WorkflowForm.From(workflow), level, tools, isPaused);
    }

    /// <summary>A workflow as entered on its form (saved or not), with its classification level and tools looked up.</summary>
    public static RuleSubject From(WorkflowForm form, DataClassificationLevel level, IReadOnlyList<RuleTool> tools, bool isPaused = false) => new()
    {
        Name = form.Name,
        Purpose = form.Purpose,
        MonthlyVolume = form.MonthlyVolume,
        Stage = form.Stage,
        Status = form.Status,
        Autonomy = form.Autonomy,
        Audience = form.Audience,
        AffectsPeople = form.AffectsPeople,
        ClassificationRank = level.Rank,
        ClassificationName = level.Name,
        DataCategories = form.DataCategories,
        Oversight = form.Oversight,
        SpotCheckPercent = form.SpotCheckPercent,
        Controls = form.Controls,
        HasOwner = !string.IsNullOrEmpty(form.OwnerId),
        NextReviewDate = form.NextReviewDate,
        Tools = tools,
        IsPaused = isPaused || form.Status == WorkflowStatus.Paused,
        EuAiAct = form.EuAiAct,
    };
}

/// <summary>A piece of evidence with its expiry date, of the workflow itself or (with <see cref="ToolName"/>) of a tool it uses.</summary>
public sealed record RuleEvidence(string Description, DateOnly ExpiresOn, string? ToolName = null);

/// <summary>One AI tool a <see cref="RuleSubject"/> uses, with what the rules need to know about it.</summary>
public sealed record RuleTool(
    string Name,
    ToolApprovalStatus ApprovalStatus,
    int MaxClassificationRank,
    string MaxClassificationName,
    VendorTraining TrainsOnOurData,
    bool HasDataProcessingAgreement,
    ToolCapabilities Capabilities,
    bool IsPaused = false,
    string? PauseReason = null)
{
    /// <summary>The rule view of a stored tool; its <see cref="AiTool.MaxClassification"/> must be loaded.</summary>
    public static RuleTool From(AiTool tool)
    {
        var level = tool.MaxClassification
            ?? throw new InvalidOperationException($"Load the highest classification of tool {tool.Id} before evaluating rules.");
        return new RuleTool(tool.Name, tool.ApprovalStatus, level.Rank, level.Name, tool.TrainsOnOurData,
            tool.HasDataProcessingAgreement, tool.Capabilities, tool.PausedReason is not null, tool.PausedReason);
    }
}

/// <summary>What the agent rules and the agent risk factors need about an agent, besides what every subject has.</summary>
/// <param name="Checkpoints">The permissions a person approves before they take effect.</param>
/// <param name="LastActivity">When it last acted; null when nobody recorded it.</param>
/// <param name="InUseSince">When it was approved (or else recorded): with no activity recorded, its inactivity counts from then;
/// null for an agent not stored yet.</param>
public sealed record RuleAgent(
    Agents.AgentPermissions Permissions,
    Agents.AgentAutonomy Autonomy,
    Agents.AgentPermissions Checkpoints,
    IReadOnlyList<RuleConnector> Connectors,
    DateOnly? LastActivity,
    DateOnly? InUseSince = null)
{
    /// <summary>The day its inactivity counts from: its last activity, or else the day it was approved or recorded.</summary>
    public DateOnly? InactiveSince => LastActivity ?? InUseSince;
}

/// <summary>One connector an agent uses, with what the rules need to know about it.</summary>
public sealed record RuleConnector(string Name, ToolApprovalStatus ApprovalStatus, bool IsPaused = false)
{
    public bool IsApproved => ApprovalStatus is ToolApprovalStatus.Approved or ToolApprovalStatus.ApprovedWithRestrictions;
}

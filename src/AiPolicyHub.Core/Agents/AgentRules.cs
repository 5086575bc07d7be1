using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Agents;

/// <summary>What the rules and the risk assessment say about one agent, as the agent page shows it.</summary>
public sealed record AgentAssessment(IReadOnlyList<RuleFinding> Findings, RiskAssessment Risk);

/// <summary>
/// An agent as the rule engine and the risk assessor see it: a <see cref="RuleSubject"/> with <see cref="RuleSubject.Agent"/>
/// set (so only the agent rules judge it), its AI tool as the subject's tool, and its autonomy on the workflow scale
/// (suggests → assists, acts with approval → recommends, acts alone → acts automatically). Pure.
/// </summary>
public static class AgentRules
{
    public static Autonomy OnWorkflowScale(AgentAutonomy autonomy) => autonomy switch
    {
        AgentAutonomy.SuggestsOnly => Autonomy.Assist,
        AgentAutonomy.ActsWithApproval => Autonomy.RecommendDecision,
        _ => Autonomy.ActAutomatically,
    };

    public static RuleSubject Subject(string name, WorkflowStatus status, AgentPermissions permissions, AgentAutonomy autonomy,
        AgentPermissions checkpoints, int classificationRank, string classificationName, RuleTool? tool, IReadOnlyList<RuleConnector> connectors,
        DateOnly? lastActivity, bool hasOwner, string purpose = "", DateOnly? inUseSince = null) => new()
    {
        Name = name,
        Purpose = purpose,
        Stage = status == WorkflowStatus.Retired ? LifecycleStage.Retired : LifecycleStage.Production,
        Status = status,
        Autonomy = OnWorkflowScale(autonomy),
        Audience = Audience.Internal,
        ClassificationRank = classificationRank,
        ClassificationName = classificationName,
        Oversight = HumanOversight.None,
        HasOwner = hasOwner,
        Tools = tool is null ? [] : [tool],
        IsPaused = status == WorkflowStatus.Paused,
        Agent = new RuleAgent(permissions, autonomy, checkpoints, connectors, lastActivity, inUseSince),
    };

    /// <summary>The agent form as it stands, with its references looked up; null until its data classification is chosen.</summary>
    public static RuleSubject? SubjectOf(AgentForm form, AgentLookups lookups)
    {
        if (lookups.Inventory.Levels.FirstOrDefault(l => l.Id == form.DataClassificationId) is not { } level)
        {
            return null;
        }
        var tool = lookups.Inventory.Tools.FirstOrDefault(t => t.Id == form.ToolId) is { } t
            ? new RuleTool(t.Name, t.ApprovalStatus, t.MaxClassificationRank, t.MaxClassification, t.TrainsOnOurData,
                t.HasDataProcessingAgreement, t.Capabilities, t.IsPaused, t.PausedReason)
            : null;
        var connectors = lookups.Connectors.Where(c => form.ConnectorIds.Contains(c.Id))
            .Select(c => new RuleConnector(c.Name, c.ApprovalStatus, c.PausedReason is not null)).ToList();
        return Subject(form.Name, form.Status, form.Permissions, form.Autonomy, form.CheckpointedPermissions, level.Rank, level.Name, tool,
            connectors, form.LastActivityOn, !string.IsNullOrEmpty(form.OwnerId), form.Purpose, form.InUseSince);
    }

    /// <summary>Findings and risk of the form as it stands (the page calls it on every change: microseconds); null until a level is chosen.</summary>
    public static AgentAssessment? Assess(AgentForm form, AgentLookups lookups, DateOnly today, RuleEngine engine, RiskThresholds thresholds)
    {
        if (SubjectOf(form, lookups) is not { } subject)
        {
            return null;
        }
        return new AgentAssessment(engine.Evaluate(subject, today), RiskAssessor.Assess(subject, engine.Settings.Scale, thresholds));
    }
}

/// <summary>One connector as the agent page lists it.</summary>
public sealed record ConnectorOption(int Id, string Name, ConnectorKind Kind, ToolApprovalStatus ApprovalStatus, string? PausedReason,
    int ClassificationRank, string Classification);

/// <summary>What the agent page chooses from, loaded once: the inventory's lookups, the connectors and the workflows of the reader's reach.</summary>
public sealed record AgentLookups(FormLookups Inventory, IReadOnlyList<ConnectorOption> Connectors, IReadOnlyList<WorkflowOption> Workflows);

/// <summary>A workflow an agent may be linked to.</summary>
public sealed record WorkflowOption(int Id, string Name, int DepartmentId);

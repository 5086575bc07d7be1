using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Agents;

/// <summary>An agent as the staff checker weighs it: its record, the reasons of pauses in force, and what the agent rules find about it now.</summary>
public sealed record AgentInQuestion(string Name, WorkflowStatus Status, IReadOnlyList<string> PauseReasons, int ClassificationRank,
    string ClassificationName, IReadOnlyList<CheckpointForm> Checkpoints, IReadOnlyList<RuleFinding> Findings);

/// <summary>An approved agent that does what the person asks about (its name or purpose says so) and may reach the data.</summary>
public sealed record CoveringAgent(int Id, string Name, string Department, string Tool);

/// <summary>
/// "May this agent do it?" in the staff checker. The use itself is answered by the checker's rules as for a person, but as
/// autonomous as the agent (<see cref="UsageCheck.Autonomy"/>); then what the agent's own record says is laid over that answer:
/// a paused agent must not act; an agent compliance has not approved may not act; its approval covers data up to its recorded
/// level only; a high or critical finding of the agent rules (<see cref="AgentRules"/>) stops it; its human checkpoints, and its
/// lesser findings, become conditions. Pure: the agent's findings come from the same rule engine as its own page.
/// </summary>
public static class AgentUse
{
    public static UsageAnswer Judge(UsageAnswer use, AgentInQuestion agent, int questionRank, string questionClassification)
    {
        var name = RuleText.Quoted(agent.Name);
        if (agent.Status == WorkflowStatus.Paused)
        {
            var why = agent.PauseReasons.Count == 0 ? "" : ": " + string.Join("; ", agent.PauseReasons.Select(r => r.Trim().TrimEnd('.')));
            return new UsageAnswer(Verdict.Paused,
                [$"The agent {name} is paused{why}. It must not act until a compliance officer signs off its restart."], [], []);
        }
        if (agent.Status != WorkflowStatus.Approved)
        {
            return new UsageAnswer(Verdict.NotAllowed,
                [$"The agent {name} is not approved (it is {EnumText.Of(agent.Status).ToLowerInvariant()}): it may not act until compliance approves it."], [],
                []);
        }
        var blocking = new List<string>();
        if (questionRank > agent.ClassificationRank)
        {
            blocking.Add($"The agent {name} was approved to reach {agent.ClassificationName} data at most; this involves {questionClassification} data, "
                + "which its approval does not cover. Its managers can record the change, and compliance approves it again.");
        }
        var serious = agent.Findings.Where(f => f.Severity >= FindingSeverity.High).ToList();
        blocking.AddRange(serious.Select(f => $"The agent {name} breaks the AI policy: {f.Explanation}"));
        if (blocking.Count > 0 || use.Verdict is Verdict.NotAllowed or Verdict.Paused or Verdict.ApprovedWorkflowOnly)
        {
            return blocking.Count == 0 ? use
                : new UsageAnswer(Verdict.NotAllowed, [.. blocking, .. use.Verdict == Verdict.NotAllowed ? use.Reasons : []], [], [.. serious, .. use.Findings]);
        }

        var reasons = use.Verdict == Verdict.Allowed ? new List<string>() : [.. use.Reasons];
        var conditions = new List<string>(use.Conditions);
        foreach (var checkpoint in agent.Checkpoints.OrderBy(c => c.Permission))
        {
            conditions.Add($"Before the agent can {RuleText.Lower(checkpoint.Permission).ToLowerInvariant()}, {checkpoint.Approver.Trim()} approves it.");
        }
        foreach (var finding in agent.Findings.Where(f => f.Severity < FindingSeverity.High))
        {
            reasons.Add($"The agent {name}: {finding.Explanation}");
            conditions.Add($"Ask the agent's owner to deal with “{finding.Title}” first: {finding.Remedy}");
        }
        if (agent.Checkpoints.Count > 0 && reasons.Count == 0)
        {
            reasons.Add($"The agent {name} was approved with human checkpoints: a person approves these actions before it takes them.");
        }
        return conditions.Count == 0 ? use
            : new UsageAnswer(Verdict.AllowedWithConditions, reasons, conditions, [.. use.Findings, .. agent.Findings]);
    }
}

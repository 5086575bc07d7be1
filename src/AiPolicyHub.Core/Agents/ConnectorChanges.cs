using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>
/// A connector is part of what an agent's approval covered: when it comes to expose new tools, reach more sensitive data
/// or point at another endpoint, the approved agents using it can do more than compliance approved — as when a connector
/// is added to an agent (<see cref="AgentSave.Between"/>) — so they go back for approval, in the connector save's transaction.
/// </summary>
public static class ConnectorChanges
{
    /// <summary>The changes that undo the approvals of the agents using the connector, in words; empty for a narrower or cosmetic change. Pure.</summary>
    public static IReadOnlyList<string> Between(ConnectorForm before, ConnectorForm after, InventoryNames names, IReadOnlyDictionary<int, int> ranks)
    {
        var reasons = new List<string>();
        var added = ToolsOf(after.ToolsExposed).Except(ToolsOf(before.ToolsExposed), StringComparer.OrdinalIgnoreCase).ToList();
        if (added.Count > 0)
        {
            reasons.Add($"{(added.Count == 1 ? "a new tool exposed" : "new tools exposed")} ({string.Join(", ", added)})");
        }
        if (Rank(ranks, after.DataClassificationId) > Rank(ranks, before.DataClassificationId))
        {
            reasons.Add($"more sensitive data reached ({names.Classification(before.DataClassificationId)} → {names.Classification(after.DataClassificationId)})");
        }
        if (!string.Equals(before.Endpoint.Trim(), after.Endpoint.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"another endpoint ({after.Endpoint.Trim()})");
        }
        return reasons;
    }

    /// <summary>The tools a connector exposes, one per line (commas and semicolons also separate them).</summary>
    public static IReadOnlyList<string> ToolsOf(string exposed) =>
        [.. exposed.Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Sends every approved agent using <paramref name="connector"/> back to compliance: status submitted, an audit entry saying
    /// why, compliance notified. The caller's transaction commits it with the connector's change.
    /// </summary>
    /// <returns>How many agents went back for approval.</returns>
    internal static async Task<int> ReopenAgentsUsingAsync(AppDbContext db, AuditTrail audit, Actor actor, Connector connector,
        IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        var agents = await db.Agents.Where(a => a.Status == WorkflowStatus.Approved && a.Connectors.Any(c => c.ConnectorId == connector.Id))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var why = $"the connector “{connector.Name}” changed: {string.Join("; ", reasons)}";
        var compliance = agents.Count == 0 ? [] : await Notifications.NotificationCenter.ComplianceOfficersAsync(db, cancellationToken);
        foreach (var agent in agents)
        {
            agent.Status = WorkflowStatus.Submitted;
            agent.Version++;
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, actor, AgentSave.EntityType, agent.Id.ToString(), agent.Name, AuditAction.Reopened,
                [new FieldChange("Status", EnumText.Of(WorkflowStatus.Approved), EnumText.Of(WorkflowStatus.Submitted)),
                 new FieldChange(MaterialChanges.ReopenedField, null, why)], cancellationToken);
            Notifications.NotificationCenter.Add(db, audit.Clock, compliance, Notifications.NotificationKind.AwaitingApproval,
                $"The agent “{agent.Name}” awaits your approval", $"/agents/{agent.Id}", actor.UserId);
            // Each entry links to the one before it, which the next AppendAsync reads from the database.
            await db.SaveChangesAsync(cancellationToken);
        }
        return agents.Count;
    }

    /// <summary>What the person who changed a connector reads about the approved agents sent back.</summary>
    public static string Reopened(IReadOnlyList<string> reasons, int reopened) =>
        $"Because of {string.Join("; ", reasons)}, {(reopened == 1 ? "the approved agent" : $"the {reopened:N0} approved agents")} "
        + "using it went back to compliance for approval.";

    private static int Rank(IReadOnlyDictionary<int, int> ranks, int? id) => id is { } key ? ranks.GetValueOrDefault(key) : 0;
}

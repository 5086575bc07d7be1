using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>
/// The agents' risk triggers: a permission added (fired in the save that added it, whatever the path) and dormant for the
/// days the rule “Dormant agent to review” sets (checked periodically). Each pauses the agent, or proposes it to compliance,
/// as the administrator set (<see cref="RiskTriggerSettings"/>); each event fires once (its key is kept with the pause).
/// </summary>
internal static class AgentTriggers
{
    /// <returns>What the trigger did, in a sentence for the person who saved, or null when none fired.</returns>
    public static async Task<string?> OnPermissionsAddedAsync(AppDbContext db, AuditTrail audit, Actor actor, Agent agent, AgentPermissions added,
        CancellationToken cancellationToken)
    {
        var settings = await RiskTriggerStore.LoadAsync(db, cancellationToken);
        return await FireAsync(db, audit, actor, settings, RiskTriggerIds.AgentPermissionAdded, agent,
            $"A permission was added to the agent: {EnumText.Of(added)}.", $"{RiskTriggerIds.AgentPermissionAdded}:{agent.Id}:{agent.Version}", cancellationToken);
    }

    /// <summary>The periodic check: approved agents inactive for the rule's days or more, at most <paramref name="batch"/> per run.</summary>
    public static async Task<int> DormantAgentsAsync(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, RuleSettingsStore ruleSettings,
        DateOnly today, int batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await RiskTriggerStore.LoadAsync(db, cancellationToken);
        if (!settings.For(RiskTriggerIds.AgentDormant).Enabled)
        {
            return 0;
        }
        var rules = await ruleSettings.LoadAsync(db, cancellationToken);
        var days = rules.ParametersFor(Rules.BuiltInRules.Find(DormantAgentRule.RuleId)!)[DormantAgentRule.DaysKey];
        var cutoff = today.AddDays(-days);
        // With no activity recorded, inactivity counts from its approval (or creation): never recording one does not escape review.
        var candidates = await db.Agents.AsNoTracking()
            .Select(a => new { a.Id, a.Status, a.LastActivityOn, Since = a.LastActivityOn ?? a.ApprovedOn ?? a.CreatedOn })
            .Where(a => a.Status == WorkflowStatus.Approved && a.Since != null && a.Since <= cutoff)
            .OrderBy(a => a.Since).ThenBy(a => a.Id).Take(batch).ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var candidate in candidates)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var agent = await db.Agents.SingleAsync(a => a.Id == candidate.Id, cancellationToken);
            var result = await FireAsync(db, audit, Pausing.RiskTriggerActor, settings, RiskTriggerIds.AgentDormant, agent,
                candidate.LastActivityOn is null
                    ? $"No activity has been recorded since it was approved or recorded on {candidate.Since:yyyy-MM-dd} ({today.DayNumber - candidate.Since!.Value.DayNumber} days)."
                    : $"It has not acted since {candidate.Since:yyyy-MM-dd} ({today.DayNumber - candidate.Since!.Value.DayNumber} days).",
                $"{RiskTriggerIds.AgentDormant}:{agent.Id}:{candidate.Since:yyyy-MM-dd}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            fired += result is null ? 0 : 1;
        }
        return fired;
    }

    private static async Task<string?> FireAsync(AppDbContext db, AuditTrail audit, Actor actor, RiskTriggerSettings settings, string triggerId,
        Agent agent, string reason, string eventKey, CancellationToken cancellationToken)
    {
        var setting = settings.For(triggerId);
        if (!setting.Enabled || agent.IsRetired || await db.Pauses.AnyAsync(p => p.EventKey == eventKey, cancellationToken))
        {
            return null;
        }
        var title = RiskTriggerSettings.TitleOf(triggerId);
        var pause = Pausing.New(actor, audit.Clock, Pausing.Shorten(reason), agentId: agent.Id, triggerId: triggerId, eventKey: eventKey);
        if (setting.Action == TriggerAction.ProposeToCompliance)
        {
            await Pausing.ProposeAsync(db, audit, actor, pause, AgentSave.EntityType, agent.Id.ToString(), agent.Name, cancellationToken);
            return $"The risk trigger “{title}” proposes to compliance to pause “{agent.Name}”.";
        }
        var workflows = await AgentPausing.ApplyToAgentAsync(db, audit, actor, pause, agent, null, cancellationToken);
        return $"The risk trigger “{title}” paused “{agent.Name}”{(workflows == 0 ? "" : $" and the {workflows} workflow(s) relying on it")}.";
    }
}

using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.LiveChanges;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>
/// The pause button reaching agents, inside the caller's transaction and with the same pause records as workflows and tools
/// (<see cref="Pausing"/>): a connector's pause pauses every agent using it, an agent's pause every workflow relying on it,
/// each with its own pause record pointing at the one it follows from. Lifting a pause lifts those that follow from it;
/// an agent or workflow still held by another pause stays paused.
/// </summary>
internal static class AgentPausing
{
    /// <summary>The reason of a pause in force on the agent, or null.</summary>
    public static Task<string?> InForceAsync(AppDbContext db, int agentId, CancellationToken cancellationToken) =>
        db.Pauses.AsNoTracking().Where(p => p.AgentId == agentId && p.State == PauseState.Active).OrderBy(p => p.Id)
            .Select(p => p.Reason).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Puts <paramref name="pause"/> in force on its agent, then on every workflow relying on it.</summary>
    /// <param name="connectorName">For a pause that follows from a connector's pause, the connector's name.</param>
    /// <returns>How many workflows it paused.</returns>
    public static async Task<int> ApplyToAgentAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause pause, Agent agent, string? connectorName,
        CancellationToken cancellationToken)
    {
        pause.StatusBefore = agent.Status == WorkflowStatus.Paused
            ? await db.Pauses.Where(p => p.AgentId == agent.Id && p.State == PauseState.Active)
                .Select(p => (WorkflowStatus?)p.StatusBefore).FirstOrDefaultAsync(cancellationToken) ?? WorkflowStatus.Approved
            : agent.Status;
        Pausing.Activate(pause, actor, audit.Clock);
        if (pause.Id == 0)
        {
            db.Pauses.Add(pause);
        }
        var changes = new List<FieldChange>();
        if (agent.Status != WorkflowStatus.Paused)
        {
            changes.Add(new FieldChange("Status", EnumText.Of(agent.Status), EnumText.Of(WorkflowStatus.Paused)));
            agent.Status = WorkflowStatus.Paused;
            agent.Version++;
        }
        changes.Add(new FieldChange(Pausing.PausedField, null, connectorName is null ? pause.Reason : $"The connector “{connectorName}” is paused: {pause.Reason}"));
        if (pause.TriggerId is { } trigger)
        {
            changes.Add(new FieldChange(Pausing.TriggerField, null, RiskTriggerSettings.TitleOf(trigger)));
        }
        await db.SaveChangesAsync(cancellationToken);
        var entry = await audit.AppendAsync(db, actor, AgentSave.EntityType, agent.Id.ToString(), agent.Name, AuditAction.Paused, changes, cancellationToken);
        NotificationCenter.Add(db, audit.Clock, await PeopleConcernedAsync(db, agent, cancellationToken), NotificationKind.Paused,
            $"The agent “{agent.Name}” is paused: it must not act", $"/agents/{agent.Id}", actor.UserId);
        if (connectorName is null)
        {
            ChangeTopics.Announce(db, ChangeTopics.Pause,
                $"The agent “{agent.Name}” has been paused by {actor.Name}: {pause.Reason} It must not act until it is restarted.", entry.At);
        }
        await db.SaveChangesAsync(cancellationToken);

        var workflows = await db.Workflows
            .Where(w => w.Status != WorkflowStatus.Retired && db.AgentWorkflows.Any(l => l.AgentId == agent.Id && l.WorkflowId == w.Id))
            .OrderBy(w => w.Id).ToListAsync(cancellationToken);
        foreach (var workflow in workflows)
        {
            var child = Pausing.New(actor, audit.Clock, pause.Reason, workflowId: workflow.Id, triggerId: pause.TriggerId, incidentId: pause.IncidentId);
            child.ParentId = pause.Id;
            await Pausing.ApplyToWorkflowAsync(db, audit, actor, child, workflow, null, cancellationToken, cause: $"The agent “{agent.Name}” is paused");
        }
        return workflows.Count;
    }

    /// <summary>Puts a connector's pause in force: the connector, every agent using it, and the workflows relying on those agents.</summary>
    /// <returns>How many agents and workflows it paused.</returns>
    public static async Task<(int Agents, int Workflows)> ApplyToConnectorAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause pause,
        Connector connector, CancellationToken cancellationToken)
    {
        Pausing.Activate(pause, actor, audit.Clock);
        if (pause.Id == 0)
        {
            db.Pauses.Add(pause);
        }
        var before = connector.PausedReason;
        connector.PausedReason = pause.Reason;
        connector.Version++;
        await db.SaveChangesAsync(cancellationToken);
        var entry = await audit.AppendAsync(db, actor, ConnectorCatalog.EntityType, connector.Id.ToString(), connector.Name, AuditAction.Paused,
            [new FieldChange(Pausing.PausedField, before ?? "No", pause.Reason)], cancellationToken);
        NotificationCenter.Add(db, audit.Clock, [connector.OwnerId], NotificationKind.Paused, $"The connector “{connector.Name}” is paused: do not use it",
            $"/connectors/{connector.Id}", actor.UserId);
        ChangeTopics.Announce(db, ChangeTopics.Pause,
            $"The connector “{connector.Name}” has been paused by {actor.Name}: {pause.Reason} Agents using it must not act until it is restarted.", entry.At);
        await db.SaveChangesAsync(cancellationToken);

        var agents = await db.Agents
            .Where(a => a.Status != WorkflowStatus.Retired && a.Connectors.Any(c => c.ConnectorId == connector.Id))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var workflows = 0;
        foreach (var agent in agents)
        {
            var child = Pausing.New(actor, audit.Clock, pause.Reason, agentId: agent.Id, triggerId: pause.TriggerId, incidentId: pause.IncidentId);
            child.ParentId = pause.Id;
            workflows += await ApplyToAgentAsync(db, audit, actor, child, agent, connector.Name, cancellationToken);
        }
        return (agents.Count, workflows);
    }

    /// <summary>After an agent's or connector's pause has ended: its subject restarts unless another pause holds it, and the pauses following from it end.</summary>
    public static async Task AfterEndedAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause ended, string? note, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken); // the ended pause no longer holds anything
        string restartedWhat;
        if (ended.ConnectorId is { } connectorId)
        {
            var connector = await db.Connectors.SingleAsync(c => c.Id == connectorId, cancellationToken);
            var before = connector.PausedReason;
            connector.PausedReason = null;
            connector.Version++;
            await db.SaveChangesAsync(cancellationToken);
            var entry = await audit.AppendAsync(db, actor, ConnectorCatalog.EntityType, connector.Id.ToString(), connector.Name, AuditAction.Restarted,
                [new FieldChange(Pausing.PausedField, before, "No (restarted)"), .. Pausing.SignOff(note)], cancellationToken);
            ChangeTopics.Announce(db, ChangeTopics.Pause, $"The connector “{connector.Name}” has been restarted by {actor.Name} and may be used again.", entry.At);
            NotificationCenter.Add(db, audit.Clock, [connector.OwnerId], NotificationKind.Restarted, $"The connector “{connector.Name}” is restarted",
                $"/connectors/{connector.Id}", actor.UserId);
            await db.SaveChangesAsync(cancellationToken);
            restartedWhat = $"The connector “{connector.Name}” is restarted";
        }
        else
        {
            var agent = await db.Agents.SingleAsync(a => a.Id == ended.AgentId, cancellationToken);
            var holding = await db.Pauses.Where(p => p.AgentId == agent.Id && p.State == PauseState.Active).Select(p => p.Reason).ToListAsync(cancellationToken);
            List<FieldChange> changes = [new FieldChange("Pause lifted", ended.Reason, "Restarted")];
            var restarted = holding.Count == 0 && agent.Status == WorkflowStatus.Paused;
            if (restarted)
            {
                changes.Add(new FieldChange("Status", EnumText.Of(WorkflowStatus.Paused), EnumText.Of(ended.StatusBefore)));
                agent.Status = ended.StatusBefore;
                agent.Version++;
            }
            else if (holding.Count > 0)
            {
                changes.Add(new FieldChange("Still paused because", null, string.Join(" | ", holding)));
            }
            changes.AddRange(Pausing.SignOff(note));
            await db.SaveChangesAsync(cancellationToken);
            var entry = await audit.AppendAsync(db, actor, AgentSave.EntityType, agent.Id.ToString(), agent.Name, AuditAction.Restarted, changes, cancellationToken);
            if (restarted)
            {
                if (ended.ParentId is null)
                {
                    ChangeTopics.Announce(db, ChangeTopics.Pause, $"The agent “{agent.Name}” has been restarted by {actor.Name} and may act again.", entry.At);
                }
                NotificationCenter.Add(db, audit.Clock, await PeopleConcernedAsync(db, agent, cancellationToken), NotificationKind.Restarted,
                    $"The agent “{agent.Name}” is restarted", $"/agents/{agent.Id}", actor.UserId);
            }
            await db.SaveChangesAsync(cancellationToken);
            restartedWhat = $"The agent “{agent.Name}” is restarted";
        }

        var children = await db.Pauses.Where(p => p.ParentId == ended.Id && p.State == PauseState.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        foreach (var child in children)
        {
            Pausing.End(child, PauseState.Lifted, actor, audit.Clock, note);
            await db.SaveChangesAsync(cancellationToken);
            if (child.AgentId is not null)
            {
                await AfterEndedAsync(db, audit, actor, child, note, cancellationToken);
            }
            else
            {
                await Pausing.AfterWorkflowPauseEndedAsync(db, audit, actor, child, note, restartedWhat, cancellationToken);
            }
        }
    }

    /// <summary>The agent's owner and the managers of its department.</summary>
    private static async Task<IReadOnlyList<string>> PeopleConcernedAsync(AppDbContext db, Agent agent, CancellationToken cancellationToken)
    {
        var managers = await db.DepartmentManagers.Where(m => m.DepartmentId == agent.DepartmentId).Select(m => m.UserId).ToListAsync(cancellationToken);
        return [.. new[] { agent.OwnerId }.Concat(managers).OfType<string>().Distinct()];
    }
}

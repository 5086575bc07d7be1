using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Incidents;

/// <summary>One pause as the pages show it, with what the reader may do with it now (the server checks again).</summary>
/// <param name="Subject">The workflow's or the tool's name.</param>
/// <param name="FromTool">For a workflow pause that follows from its tool's pause: the tool's name.</param>
/// <param name="FollowsFrom">For any pause that follows from another (a tool's, a connector's, an agent's): that record, in words.</param>
/// <param name="SignOffRefused">Why the reader may not sign off the restart, or null when they may.</param>
public sealed record PauseItem(
    int Id, int? WorkflowId, int? ToolId, string Subject, PauseState State, string Reason, string? TriggerTitle, int? IncidentId,
    string PausedBy, DateTime PausedAt, IReadOnlyDictionary<RestartCondition, bool> Conditions, string? EndedBy, DateTime? EndedAt,
    string? EndNote, int Version, string? FromTool, int? FromToolId, bool CanTick, bool CanSignOff, string? SignOffRefused, bool CanDecideProposal,
    int? AgentId = null, int? ConnectorId = null, string? FollowsFrom = null, string? FollowsFromLink = null)
{
    /// <summary>Where the paused record's page is.</summary>
    public string Link => WorkflowId is { } w ? $"/workflows/{w}" : ToolId is { } t ? $"/tools/{t}" : AgentId is { } a ? $"/agents/{a}" : $"/connectors/{ConnectorId}";

    /// <summary>What kind of record is paused, in words (“workflow”, “AI tool”, “agent”, “connector”).</summary>
    public string Kind => WorkflowId is not null ? "workflow" : ToolId is not null ? "AI tool" : AgentId is not null ? "agent" : "connector";

    public bool IsActive => State == PauseState.Active;
}

/// <summary>A workflow's or tool's pauses, in force and past, and whether the reader may pause it.</summary>
public sealed record PauseRecord(IReadOnlyList<PauseItem> Current, IReadOnlyList<PauseItem> Past, bool CanPause);

/// <summary>
/// The pause button and the restart checklist (NIST AI RMF MANAGE 2.4; EU AI Act Art. 26(5), 14(4)(e)): a manager
/// pauses a workflow of their department, a compliance officer any workflow or a whole tool; a restart needs every
/// condition ticked and the sign-off of a compliance officer other than the person who paused it. Every step is
/// version-checked, audited and notified.
/// </summary>
public sealed class PauseRegister(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string ReasonField = "Reason";
    public const int MinimumReason = 10;

    /// <summary>
    /// The names of the workflows a pause of the tool would stop with it (every one using it that is not retired, as
    /// <see cref="Pausing.ApplyToToolAsync"/> pauses them), for the confirmation before pausing.
    /// </summary>
    public async Task<IReadOnlyList<string>> WorkflowsAToolPauseStopsAsync(int toolId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Workflows.AsNoTracking()
            .Where(w => w.Status != WorkflowStatus.Retired && w.Tools.Any(t => t.ToolId == toolId))
            .OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
    }

    public async Task<PauseRecord> ForWorkflowAsync(ClaimsPrincipal principal, int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (actor is null || workflow is null)
        {
            return new PauseRecord([], [], false);
        }
        return await RecordOfAsync(db, actor, db.Pauses.AsNoTracking().Where(p => p.WorkflowId == workflowId),
            mayPause: !workflow.IsRetired && actor.CanEditWorkflowsOf(workflow.DepartmentId), cancellationToken);
    }

    public async Task<PauseRecord> ForToolAsync(ClaimsPrincipal principal, int toolId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Id == toolId, cancellationToken);
        if (actor is null || tool is null)
        {
            return new PauseRecord([], [], false);
        }
        return await RecordOfAsync(db, actor, db.Pauses.AsNoTracking().Where(p => p.ToolId == toolId),
            mayPause: !tool.IsRetired && tool.PausedReason is null && actor.IsComplianceOrAdmin, cancellationToken);
    }

    /// <summary>Every pause in force (those that follow from a tool's pause under the tool) and every proposal waiting for compliance.</summary>
    public async Task<IReadOnlyList<PauseItem>> InForceAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return [];
        }
        var pauses = await db.Pauses.AsNoTracking()
            .Where(p => (p.State == PauseState.Active || p.State == PauseState.Proposed) && p.ParentId == null)
            .OrderBy(p => p.State).ThenByDescending(p => p.Id).Take(500).ToListAsync(cancellationToken);
        return await ItemsAsync(db, actor, pauses, cancellationToken);
    }

    /// <summary>The pause button on a workflow: a manager of its department or a compliance officer, with a reason.</summary>
    public async Task<SaveOutcome> PauseWorkflowAsync(ClaimsPrincipal principal, int workflowId, string reason, CancellationToken cancellationToken = default)
    {
        if (ReasonError(reason) is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Your account can no longer make changes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await db.Workflows.SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!actor.CanEditWorkflowsOf(workflow.DepartmentId))
        {
            return SaveOutcome.Forbidden("Only a manager of its department or a compliance officer can pause this workflow.");
        }
        if (workflow.IsRetired)
        {
            return Invalid("A retired workflow is no longer in use, so there is nothing to pause.");
        }
        await Pausing.ApplyToWorkflowAsync(db, audit, actor, Pausing.New(actor, audit.Clock, reason.Trim(), workflowId: workflow.Id), workflow, null,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, workflow.Id, workflow.Version,
            Message: $"“{workflow.Name}” is paused: staff are told not to use it until a compliance officer signs off its restart.");
    }

    /// <summary>
    /// Compliance's brake on a whole tool: the tool and every workflow using it are paused in one transaction, each
    /// workflow with its own pause record pointing at the tool's.
    /// </summary>
    public async Task<SaveOutcome> PauseToolAsync(ClaimsPrincipal principal, int toolId, int version, string reason,
        CancellationToken cancellationToken = default)
    {
        if (ReasonError(reason, "Say in 10 to 1,000 characters why the tool is paused; staff are shown the reason.") is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.IsComplianceOrAdmin)
        {
            return SaveOutcome.Forbidden("Only a compliance officer can pause or restart a tool.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tool = await db.Tools.SingleOrDefaultAsync(t => t.Id == toolId, cancellationToken);
        if (tool is null)
        {
            return SaveOutcome.NotFound;
        }
        if (tool.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, tool.Id, tool.Version, Message: "Someone changed this tool meanwhile; look at it again.");
        }
        if (tool.PausedReason is not null)
        {
            return Invalid("The tool is paused already.");
        }
        var count = await Pausing.ApplyToToolAsync(db, audit, actor, Pausing.New(actor, audit.Clock, reason.Trim(), toolId: tool.Id), tool,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version,
            Message: $"“{tool.Name}” is paused, and so {(count == 1 ? "is the workflow" : $"are the {count} workflows")} using it.");
    }

    /// <summary>Ticks (or unticks) one restart condition: compliance, or for a workflow's pause a manager of its department.</summary>
    public Task<SaveOutcome> SetConditionAsync(ClaimsPrincipal principal, int pauseId, int version, RestartCondition condition, bool met,
        CancellationToken cancellationToken = default) =>
        OnPauseAsync(principal, pauseId, version, cancellationToken, async (db, actor, pause, subject) =>
        {
            if (!MayTick(actor, pause, subject.DepartmentId))
            {
                return SaveOutcome.Forbidden("Only a compliance officer, or a manager of the workflow's department, can tick its restart conditions.");
            }
            if (pause.Met(condition) == met)
            {
                return new SaveOutcome(SaveStatus.Saved, pause.Id, pause.Version);
            }
            pause.Set(condition, met);
            pause.Version++;
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, actor, subject.EntityType, subject.Id, subject.Name, AuditAction.Changed,
                [new FieldChange($"Restart condition “{EnumText.Of(condition)}”", met ? "Not met" : "Met", met ? "Met" : "Not met")], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new SaveOutcome(SaveStatus.Saved, pause.Id, pause.Version);
        });

    /// <summary>The sign-off: a compliance officer other than the person who paused it restarts it once every condition is met.</summary>
    public Task<SaveOutcome> RestartAsync(ClaimsPrincipal principal, int pauseId, int version, string? note,
        CancellationToken cancellationToken = default) =>
        OnPauseAsync(principal, pauseId, version, cancellationToken, async (db, actor, pause, subject) =>
        {
            if (SignOffRefusal(actor, pause) is { } refusal)
            {
                return actor.IsComplianceOrAdmin ? Invalid(refusal) : SaveOutcome.Forbidden(refusal);
            }
            if (note?.Trim().Length > 2000)
            {
                return Invalid("Keep the sign-off note to 2,000 characters.");
            }
            await Pausing.LiftAsync(db, audit, actor, pause, note, cancellationToken);
            var status = subject.EntityType == WorkflowInventory.EntityType
                ? await db.Workflows.Where(w => w.Id == pause.WorkflowId).Select(w => (WorkflowStatus?)w.Status).SingleAsync(cancellationToken)
                : subject.EntityType == Agents.AgentSave.EntityType
                ? await db.Agents.Where(a => a.Id == pause.AgentId).Select(a => (WorkflowStatus?)a.Status).SingleAsync(cancellationToken)
                : null;
            return new SaveOutcome(SaveStatus.Saved, pause.Id, pause.Version, Message: status == WorkflowStatus.Paused
                ? $"This pause is lifted, but “{subject.Name}” stays paused: another pause still holds it."
                : $"“{subject.Name}” is restarted.");
        });

    /// <summary>Compliance accepts a trigger's proposal: the pause comes into force, in their name.</summary>
    public Task<SaveOutcome> AcceptProposalAsync(ClaimsPrincipal principal, int pauseId, int version, CancellationToken cancellationToken = default) =>
        OnPauseAsync(principal, pauseId, version, cancellationToken, async (db, actor, pause, subject) =>
        {
            if (!actor.IsComplianceOrAdmin)
            {
                return SaveOutcome.Forbidden("Only a compliance officer can decide on a proposed pause.");
            }
            if (pause.State != PauseState.Proposed)
            {
                return Invalid("This proposal has been decided already.");
            }
            pause.Version++;
            if (pause.AgentId is { } agentId)
            {
                var agent = await db.Agents.SingleAsync(a => a.Id == agentId, cancellationToken);
                await Agents.AgentPausing.ApplyToAgentAsync(db, audit, actor, pause, agent, null, cancellationToken);
            }
            else if (pause.ToolId is { } toolId)
            {
                var tool = await db.Tools.SingleAsync(t => t.Id == toolId, cancellationToken);
                if (tool.PausedReason is not null)
                {
                    return Invalid("The tool is paused already; dismiss this proposal instead.");
                }
                await Pausing.ApplyToToolAsync(db, audit, actor, pause, tool, cancellationToken);
            }
            else
            {
                var workflow = await db.Workflows.SingleAsync(w => w.Id == pause.WorkflowId, cancellationToken);
                await Pausing.ApplyToWorkflowAsync(db, audit, actor, pause, workflow, null, cancellationToken);
            }
            return new SaveOutcome(SaveStatus.Saved, pause.Id, pause.Version, Message: $"“{subject.Name}” is paused.");
        });

    public Task<SaveOutcome> DismissProposalAsync(ClaimsPrincipal principal, int pauseId, int version, string reason,
        CancellationToken cancellationToken = default) =>
        OnPauseAsync(principal, pauseId, version, cancellationToken, async (db, actor, pause, subject) =>
        {
            if (!actor.IsComplianceOrAdmin)
            {
                return SaveOutcome.Forbidden("Only a compliance officer can decide on a proposed pause.");
            }
            if (pause.State != PauseState.Proposed)
            {
                return Invalid("This proposal has been decided already.");
            }
            if (ReasonError(reason, "Say in 10 to 1,000 characters why the use may go on without a pause.") is { } invalid)
            {
                return invalid;
            }
            Pausing.End(pause, PauseState.Dismissed, actor, audit.Clock, reason);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, actor, subject.EntityType, subject.Id, subject.Name, AuditAction.PauseDismissed,
                [new FieldChange("Proposed pause", pause.Reason, "Dismissed"), new FieldChange("Why", null, reason.Trim())], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new SaveOutcome(SaveStatus.Saved, pause.Id, pause.Version, Message: "The proposal is dismissed.");
        });

    /// <summary>Why <paramref name="actor"/> may not sign off the restart of <paramref name="pause"/>, or null when they may. Pure.</summary>
    public static string? SignOffRefusal(Actor actor, Pause pause)
    {
        if (!actor.IsComplianceOrAdmin)
        {
            return "Only a compliance officer can sign off a restart.";
        }
        if (pause.State != PauseState.Active)
        {
            return "This pause is no longer in force.";
        }
        if (pause.ParentId is not null)
        {
            return "This pause follows from the pause of its AI tool, connector or agent: it ends when that one is restarted.";
        }
        if (pause.PausedById == actor.UserId)
        {
            return "You paused it, so another compliance officer must sign off its restart (separation of duties).";
        }
        var missing = Enum.GetValues<RestartCondition>().Where(c => !pause.Met(c)).Select(c => EnumText.Of(c).ToLowerInvariant()).ToList();
        return missing.Count > 0 ? $"Every restart condition must be met first; still open: {string.Join(", ", missing)}." : null;
    }

    private static bool MayTick(Actor actor, Pause pause, int? departmentId) =>
        pause.State == PauseState.Active && pause.ParentId is null
        && (actor.IsComplianceOrAdmin || (departmentId is { } d && actor.IsManager && actor.DepartmentIds.Contains(d)));

    private sealed record Subject(string EntityType, string Id, string Name, int? DepartmentId);

    /// <summary>A record's pauses, newest first, split into those in force (or proposed) and the past ones.</summary>
    private static async Task<PauseRecord> RecordOfAsync(AppDbContext db, Actor actor, IQueryable<Pause> pauses, bool mayPause,
        CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(db, actor, await pauses.OrderByDescending(p => p.Id).ToListAsync(cancellationToken), cancellationToken);
        return new PauseRecord([.. items.Where(i => i.State is PauseState.Active or PauseState.Proposed)],
            [.. items.Where(i => i.State is not (PauseState.Active or PauseState.Proposed))], mayPause);
    }

    /// <summary>An agent's pauses, in force and past, and whether the reader may pause it (a manager of its department or compliance).</summary>
    public async Task<PauseRecord> ForAgentAsync(ClaimsPrincipal principal, int agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agentId, cancellationToken);
        if (actor is null || agent is null)
        {
            return new PauseRecord([], [], false);
        }
        return await RecordOfAsync(db, actor, db.Pauses.AsNoTracking().Where(p => p.AgentId == agentId),
            mayPause: !agent.IsRetired && actor.CanEditWorkflowsOf(agent.DepartmentId), cancellationToken);
    }

    public async Task<PauseRecord> ForConnectorAsync(ClaimsPrincipal principal, int connectorId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var connector = await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectorId, cancellationToken);
        if (actor is null || connector is null)
        {
            return new PauseRecord([], [], false);
        }
        return await RecordOfAsync(db, actor, db.Pauses.AsNoTracking().Where(p => p.ConnectorId == connectorId),
            mayPause: !connector.IsRetired && connector.PausedReason is null && actor.IsComplianceOrAdmin, cancellationToken);
    }

    /// <summary>The names of the agents and workflows a pause of the connector would stop with it, for the confirmation before pausing.</summary>
    public async Task<IReadOnlyList<string>> WhatAConnectorPauseStopsAsync(int connectorId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = db.Agents.AsNoTracking().Where(a => a.Status != WorkflowStatus.Retired && a.Connectors.Any(c => c.ConnectorId == connectorId));
        var agentNames = await agents.OrderBy(a => a.Name).Select(a => "Agent “" + a.Name + "”").ToListAsync(cancellationToken);
        var workflowNames = await db.Workflows.AsNoTracking()
            .Where(w => w.Status != WorkflowStatus.Retired && db.AgentWorkflows.Any(l => l.WorkflowId == w.Id && agents.Any(a => a.Id == l.AgentId)))
            .OrderBy(w => w.Name).Select(w => "Workflow “" + w.Name + "”").ToListAsync(cancellationToken);
        return [.. agentNames, .. workflowNames];
    }

    /// <summary>The pause button on an agent: a manager of its department or a compliance officer, with a reason; its workflows stop with it.</summary>
    public async Task<SaveOutcome> PauseAgentAsync(ClaimsPrincipal principal, int agentId, string reason, CancellationToken cancellationToken = default)
    {
        if (ReasonError(reason) is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Your account can no longer make changes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId, cancellationToken);
        if (agent is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!actor.CanEditWorkflowsOf(agent.DepartmentId))
        {
            return SaveOutcome.Forbidden("Only a manager of its department or a compliance officer can pause this agent.");
        }
        if (agent.IsRetired)
        {
            return Invalid("A retired agent is no longer in use, so there is nothing to pause.");
        }
        var workflows = await Agents.AgentPausing.ApplyToAgentAsync(db, audit, actor,
            Pausing.New(actor, audit.Clock, reason.Trim(), agentId: agent.Id), agent, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, agent.Id, agent.Version, Message: $"“{agent.Name}” is paused"
            + (workflows == 0 ? "." : $", and so {(workflows == 1 ? "is the workflow" : $"are the {workflows} workflows")} relying on it."));
    }

    /// <summary>
    /// Compliance's brake on a connector: the connector, every agent using it and the workflows relying on those agents are
    /// paused in one transaction, each with its own pause record pointing at the one it follows from.
    /// </summary>
    public async Task<SaveOutcome> PauseConnectorAsync(ClaimsPrincipal principal, int connectorId, int version, string reason,
        CancellationToken cancellationToken = default)
    {
        if (ReasonError(reason, "Say in 10 to 1,000 characters why the connector is paused; staff are shown the reason.") is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.IsComplianceOrAdmin)
        {
            return SaveOutcome.Forbidden("Only a compliance officer can pause or restart a connector.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connector = await db.Connectors.SingleOrDefaultAsync(c => c.Id == connectorId, cancellationToken);
        if (connector is null)
        {
            return SaveOutcome.NotFound;
        }
        if (connector.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, connector.Id, connector.Version, Message: "Someone changed this connector meanwhile; look at it again.");
        }
        if (connector.PausedReason is not null)
        {
            return Invalid("The connector is paused already.");
        }
        var (agents, workflows) = await Agents.AgentPausing.ApplyToConnectorAsync(db, audit, actor,
            Pausing.New(actor, audit.Clock, reason.Trim(), connectorId: connector.Id), connector, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, connector.Id, connector.Version,
            Message: $"“{connector.Name}” is paused, with {Count(agents, "agent")} using it and {Count(workflows, "workflow")} relying on those.");
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private async Task<SaveOutcome> OnPauseAsync(ClaimsPrincipal principal, int pauseId, int version, CancellationToken cancellationToken,
        Func<AppDbContext, Actor, Pause, Subject, Task<SaveOutcome>> act)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Your account can no longer make changes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pause = await db.Pauses.SingleOrDefaultAsync(p => p.Id == pauseId, cancellationToken);
        if (pause is null)
        {
            return SaveOutcome.NotFound;
        }
        if (pause.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, pause.Id, pause.Version,
                Message: "Someone changed this pause meanwhile; the page now shows it as it is.");
        }
        Subject subject;
        if (pause.AgentId is { } agentId)
        {
            var agent = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agentId, cancellationToken);
            subject = new Subject(Agents.AgentSave.EntityType, agent.Id.ToString(), agent.Name, agent.DepartmentId);
        }
        else if (pause.ConnectorId is { } connectorId)
        {
            var connector = await db.Connectors.AsNoTracking().SingleAsync(c => c.Id == connectorId, cancellationToken);
            subject = new Subject(Agents.ConnectorCatalog.EntityType, connector.Id.ToString(), connector.Name, null);
        }
        else if (pause.ToolId is { } toolId)
        {
            var tool = await db.Tools.AsNoTracking().SingleAsync(t => t.Id == toolId, cancellationToken);
            subject = new Subject(ToolCatalog.EntityType, tool.Id.ToString(), tool.Name, null);
        }
        else
        {
            var workflow = await db.Workflows.AsNoTracking().SingleAsync(w => w.Id == pause.WorkflowId, cancellationToken);
            subject = new Subject(WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, workflow.DepartmentId);
        }
        try
        {
            var outcome = await act(db, actor, pause, subject);
            if (outcome.Status == SaveStatus.Saved)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            // A colleague saved the pause, its workflow or its tool in between: nothing of this step is kept.
            return new SaveOutcome(SaveStatus.Conflict, Message: "Someone changed this pause meanwhile; look at it again.");
        }
    }

    private static async Task<IReadOnlyList<PauseItem>> ItemsAsync(AppDbContext db, Actor actor, IReadOnlyList<Pause> pauses,
        CancellationToken cancellationToken)
    {
        var parentIds = pauses.Where(p => p.ParentId is not null).Select(p => p.ParentId!.Value).Distinct().ToList();
        var parents = await db.Pauses.AsNoTracking().Where(p => parentIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ToolId, p.AgentId, p.ConnectorId }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var workflowIds = pauses.Where(p => p.WorkflowId is not null).Select(p => p.WorkflowId!.Value).Distinct().ToList();
        var toolIds = pauses.Select(p => p.ToolId).Concat(parents.Values.Select(p => p.ToolId)).OfType<int>().Distinct().ToList();
        var agentIds = pauses.Select(p => p.AgentId).Concat(parents.Values.Select(p => p.AgentId)).OfType<int>().Distinct().ToList();
        var connectorIds = pauses.Select(p => p.ConnectorId).Concat(parents.Values.Select(p => p.ConnectorId)).OfType<int>().Distinct().ToList();
        var workflows = await db.Workflows.AsNoTracking().Where(w => workflowIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Name, w.DepartmentId }).ToDictionaryAsync(w => w.Id, cancellationToken);
        var tools = await db.Tools.AsNoTracking().Where(t => toolIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.DepartmentId }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var connectors = await db.Connectors.AsNoTracking().Where(c => connectorIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return
        [
            .. pauses.Select(p =>
            {
                var department = p.WorkflowId is { } w ? workflows[w].DepartmentId : p.AgentId is { } a ? agents[a].DepartmentId : (int?)null;
                var subject = p.WorkflowId is { } wid ? workflows[wid].Name : p.ToolId is { } tid ? tools[tid]
                    : p.AgentId is { } aid ? agents[aid].Name : connectors[p.ConnectorId!.Value];
                var refusal = SignOffRefusal(actor, p);
                var parent = p.ParentId is { } pid ? parents[pid] : null;
                int? fromToolId = parent?.ToolId;
                var (followsFrom, followsLink) = parent switch
                {
                    { ToolId: { } t } => ($"the AI tool “{tools[t]}”", $"/tools/{t}"),
                    { AgentId: { } ag } => ($"the agent “{agents[ag].Name}”", $"/agents/{ag}"),
                    { ConnectorId: { } c } => ($"the connector “{connectors[c]}”", $"/connectors/{c}"),
                    _ => ((string?)null, (string?)null),
                };
                return new PauseItem(p.Id, p.WorkflowId, p.ToolId, subject, p.State,
                    p.Reason, p.TriggerId is null ? null : RiskTriggerSettings.TitleOf(p.TriggerId), p.IncidentId, p.PausedByName, p.PausedAt,
                    Enum.GetValues<RestartCondition>().ToDictionary(c => c, p.Met), p.EndedByName, p.EndedAt, p.EndNote, p.Version,
                    fromToolId is { } ft ? tools[ft] : null, fromToolId, MayTick(actor, p, department), refusal is null, refusal,
                    p.State == PauseState.Proposed && actor.IsComplianceOrAdmin, p.AgentId, p.ConnectorId, followsFrom, followsLink);
            }),
        ];
    }

    private static SaveOutcome? ReasonError(string? reason, string? message = null)
    {
        var text = reason?.Trim() ?? "";
        return text.Length is < MinimumReason or > 1000
            ? Invalid(message ?? "Say in 10 to 1,000 characters why it is paused; staff are shown the reason.")
            : null;
    }

    private static SaveOutcome Invalid(string message)
    {
        var errors = new ValidationErrors();
        errors.Add(ReasonField, message);
        return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: message);
    }
}

using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Incidents;

/// <summary>
/// What pausing and restarting do to the database, inside the caller's transaction: the pause records, the workflow
/// statuses and the tool's pause reason that every other page reads, the audit entries and the notifications.
/// </summary>
internal static class Pausing
{
    /// <summary>Who acts when a periodic check fires a trigger.</summary>
    public static readonly Actor RiskTriggerActor = new("system:risk-triggers", "Risk trigger (automatic check)",
        new HashSet<string>(), new HashSet<int>());

    public const string PausedField = "Paused";
    public const string TriggerField = "Risk trigger";

    public static Pause New(Actor actor, TimeProvider clock, string reason, int? workflowId = null, int? toolId = null,
        string? triggerId = null, int? incidentId = null, string? eventKey = null, int? agentId = null, int? connectorId = null) => new()
    {
        WorkflowId = workflowId,
        ToolId = toolId,
        AgentId = agentId,
        ConnectorId = connectorId,
        Reason = reason,
        TriggerId = triggerId,
        IncidentId = incidentId,
        EventKey = eventKey,
        PausedById = actor.UserId,
        PausedByName = actor.Name,
        PausedAt = Now(clock),
        Version = 1,
    };

    /// <summary>
    /// The reason of a pause in force on each of <paramref name="workflowIds"/> that has one (a workflow's own pause, or its
    /// share of a tool's pause): what holds a workflow out of use on every write path (<see cref="Approvals.WorkflowLifecycle"/>).
    /// </summary>
    public static async Task<Dictionary<int, string>> InForceAsync(AppDbContext db, IReadOnlyCollection<int> workflowIds,
        CancellationToken cancellationToken)
    {
        if (workflowIds.Count == 0)
        {
            return [];
        }
        var pauses = await db.Pauses.AsNoTracking()
            .Where(p => p.State == PauseState.Active && p.WorkflowId != null && workflowIds.Contains(p.WorkflowId.Value))
            .OrderBy(p => p.Id).Select(p => new { WorkflowId = p.WorkflowId!.Value, p.Reason }).ToListAsync(cancellationToken);
        return pauses.GroupBy(p => p.WorkflowId).ToDictionary(g => g.Key, g => g.First().Reason);
    }

    /// <summary>Puts <paramref name="pause"/> (new, or a proposal being accepted) in force on its workflow.</summary>
    /// <param name="cause">For a pause that follows from an agent's: what is paused (“The agent “X” is paused”), said before the reason.</param>
    public static async Task ApplyToWorkflowAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause pause, Workflow workflow,
        string? toolName, CancellationToken cancellationToken, string? cause = null)
    {
        pause.StatusBefore = workflow.Status == WorkflowStatus.Paused
            ? await db.Pauses.Where(p => p.WorkflowId == workflow.Id && p.State == PauseState.Active)
                .Select(p => (WorkflowStatus?)p.StatusBefore).FirstOrDefaultAsync(cancellationToken) ?? WorkflowStatus.Approved
            : workflow.Status;
        Activate(pause, actor, audit.Clock);
        if (pause.Id == 0)
        {
            db.Pauses.Add(pause);
        }
        var changes = new List<FieldChange>();
        if (workflow.Status != WorkflowStatus.Paused)
        {
            changes.Add(new FieldChange("Status", EnumText.Of(workflow.Status), EnumText.Of(WorkflowStatus.Paused)));
            workflow.Status = WorkflowStatus.Paused;
            workflow.Version++;
        }
        changes.Add(new FieldChange(PausedField, null, cause is not null ? $"{cause}: {pause.Reason}"
            : toolName is null ? pause.Reason : $"The AI tool “{toolName}” is paused: {pause.Reason}"));
        if (pause.TriggerId is { } trigger)
        {
            changes.Add(new FieldChange(TriggerField, null, RiskTriggerSettings.TitleOf(trigger)));
        }
        await db.SaveChangesAsync(cancellationToken);
        var entry = await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, AuditAction.Paused, changes,
            cancellationToken);
        NotificationCenter.Add(db, audit.Clock, await NotificationCenter.PeopleConcernedWithAsync(db, workflow.Id, cancellationToken),
            NotificationKind.Paused, $"“{workflow.Name}” is paused: do not use it", $"/workflows/{workflow.Id}", actor.UserId);
        if (toolName is null && cause is null)
        {
            // Users with a page open on any instance are told at once (the tool's or agent's own notice covers the workflows it pauses).
            LiveChanges.ChangeTopics.Announce(db, LiveChanges.ChangeTopics.Pause,
                $"The workflow “{workflow.Name}” has been paused by {actor.Name}: {pause.Reason} Do not use it until it is restarted.", entry.At);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Puts a tool's pause in force: the tool and every workflow using it (each with its own pause record), at once.</summary>
    /// <returns>How many workflows it paused.</returns>
    public static async Task<int> ApplyToToolAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause pause, AiTool tool,
        CancellationToken cancellationToken)
    {
        Activate(pause, actor, audit.Clock);
        if (pause.Id == 0)
        {
            db.Pauses.Add(pause);
        }
        var before = tool.PausedReason;
        tool.PausedReason = pause.Reason;
        tool.Version++;
        await db.SaveChangesAsync(cancellationToken);
        List<FieldChange> changes = [new FieldChange(PausedField, before ?? "No", pause.Reason)];
        if (pause.TriggerId is { } trigger)
        {
            changes.Add(new FieldChange(TriggerField, null, RiskTriggerSettings.TitleOf(trigger)));
        }
        var entry = await audit.AppendAsync(db, actor, ToolCatalog.EntityType, tool.Id.ToString(), tool.Name, AuditAction.Paused, changes, cancellationToken);
        NotificationCenter.Add(db, audit.Clock, [tool.OwnerId], NotificationKind.Paused, $"The AI tool “{tool.Name}” is paused: do not use it",
            $"/tools/{tool.Id}", actor.UserId);
        LiveChanges.ChangeTopics.Announce(db, LiveChanges.ChangeTopics.Pause,
            $"The AI tool “{tool.Name}” has been paused by {actor.Name}: {pause.Reason} Do not use it until it is restarted.", entry.At);
        await db.SaveChangesAsync(cancellationToken);

        var workflows = await db.Workflows
            .Where(w => w.Status != WorkflowStatus.Retired && w.Tools.Any(t => t.ToolId == tool.Id))
            .OrderBy(w => w.Id).ToListAsync(cancellationToken);
        foreach (var workflow in workflows)
        {
            var child = New(actor, audit.Clock, pause.Reason, workflowId: workflow.Id, triggerId: pause.TriggerId, incidentId: pause.IncidentId);
            child.ParentId = pause.Id;
            await ApplyToWorkflowAsync(db, audit, actor, child, workflow, tool.Name, cancellationToken);
        }
        return workflows.Count;
    }

    /// <summary>Records a proposal by a risk trigger for compliance to accept or dismiss; it stops nothing yet.</summary>
    public static async Task ProposeAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause pause, string entityType, string entityId,
        string entityName, CancellationToken cancellationToken)
    {
        pause.State = PauseState.Proposed;
        db.Pauses.Add(pause);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, entityType, entityId, entityName, AuditAction.PauseProposed,
            [new FieldChange(TriggerField, null, RiskTriggerSettings.TitleOf(pause.TriggerId)), new FieldChange("Proposed pause", null, pause.Reason)],
            cancellationToken);
        NotificationCenter.Add(db, audit.Clock, await NotificationCenter.ComplianceOfficersAsync(db, cancellationToken), NotificationKind.AwaitingApproval,
            $"A risk trigger proposes to pause “{entityName}”: decide", "/pauses");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Lifts an active pause (a tool's with the workflow pauses that follow from it); workflows held by another pause stay paused.</summary>
    public static async Task LiftAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause pause, string? note, CancellationToken cancellationToken)
    {
        End(pause, PauseState.Lifted, actor, audit.Clock, note);
        if (pause.AgentId is not null || pause.ConnectorId is not null)
        {
            await Agents.AgentPausing.AfterEndedAsync(db, audit, actor, pause, note, cancellationToken);
        }
        else if (pause.ToolId is { } toolId)
        {
            var tool = await db.Tools.SingleAsync(t => t.Id == toolId, cancellationToken);
            var before = tool.PausedReason;
            tool.PausedReason = null;
            tool.Version++;
            await db.SaveChangesAsync(cancellationToken);
            var entry = await audit.AppendAsync(db, actor, ToolCatalog.EntityType, tool.Id.ToString(), tool.Name, AuditAction.Restarted,
                [new FieldChange(PausedField, before, "No (restarted)"), .. SignOff(note)], cancellationToken);
            LiveChanges.ChangeTopics.Announce(db, LiveChanges.ChangeTopics.Pause,
                $"The AI tool “{tool.Name}” has been restarted by {actor.Name} and may be used again.", entry.At);
            NotificationCenter.Add(db, audit.Clock, [tool.OwnerId], NotificationKind.Restarted, $"The AI tool “{tool.Name}” is restarted",
                $"/tools/{tool.Id}", actor.UserId);
            await db.SaveChangesAsync(cancellationToken);
            var children = await db.Pauses.Where(p => p.ParentId == pause.Id && p.State == PauseState.Active).ToListAsync(cancellationToken);
            foreach (var child in children)
            {
                End(child, PauseState.Lifted, actor, audit.Clock, note);
                await db.SaveChangesAsync(cancellationToken);
                await AfterWorkflowPauseEndedAsync(db, audit, actor, child, note, $"The AI tool “{tool.Name}” is restarted", cancellationToken);
            }
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            await AfterWorkflowPauseEndedAsync(db, audit, actor, pause, note, pause.Reason, cancellationToken);
        }
    }

    /// <summary>The workflow restarts (to its status before the pause) only when no other pause still holds it.</summary>
    internal static async Task AfterWorkflowPauseEndedAsync(AppDbContext db, AuditTrail audit, Actor actor, Pause ended, string? note,
        string what, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.SingleAsync(w => w.Id == ended.WorkflowId, cancellationToken);
        var holding = await db.Pauses.Where(p => p.WorkflowId == workflow.Id && p.State == PauseState.Active)
            .Select(p => p.Reason).ToListAsync(cancellationToken);
        List<FieldChange> changes = [new FieldChange("Pause lifted", ended.Reason, what == ended.Reason ? "Restarted" : what)];
        var restarted = holding.Count == 0 && workflow.Status == WorkflowStatus.Paused;
        if (restarted)
        {
            changes.Add(new FieldChange("Status", EnumText.Of(WorkflowStatus.Paused), EnumText.Of(ended.StatusBefore)));
            workflow.Status = ended.StatusBefore;
            workflow.Version++;
        }
        else if (holding.Count > 0)
        {
            changes.Add(new FieldChange("Still paused because", null, string.Join(" | ", holding)));
        }
        changes.AddRange(SignOff(note));
        await db.SaveChangesAsync(cancellationToken);
        var entry = await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, AuditAction.Restarted, changes,
            cancellationToken);
        if (restarted && ended.ParentId is null)
        {
            LiveChanges.ChangeTopics.Announce(db, LiveChanges.ChangeTopics.Pause,
                $"The workflow “{workflow.Name}” has been restarted by {actor.Name} and may be used again.", entry.At);
        }
        if (restarted)
        {
            NotificationCenter.Add(db, audit.Clock, await NotificationCenter.PeopleConcernedWithAsync(db, workflow.Id, cancellationToken),
                NotificationKind.Restarted, $"“{workflow.Name}” is restarted and may be used again", $"/workflows/{workflow.Id}", actor.UserId);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A review that said "stop using it" paused the workflow (audited by the review): its pause record and notifications.</summary>
    public static async Task RecordReviewStopAsync(AppDbContext db, TimeProvider clock, Actor actor, Workflow workflow, WorkflowStatus statusBefore,
        string? notes, CancellationToken cancellationToken)
    {
        var pause = New(actor, clock, Shorten($"A review found it unfit to use: {notes?.Trim()}"), workflowId: workflow.Id);
        pause.StatusBefore = statusBefore;
        pause.State = PauseState.Active;
        db.Pauses.Add(pause);
        NotificationCenter.Add(db, clock, await NotificationCenter.PeopleConcernedWithAsync(db, workflow.Id, cancellationToken),
            NotificationKind.Paused, $"“{workflow.Name}” is paused: do not use it", $"/workflows/{workflow.Id}", actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static void End(Pause pause, PauseState state, Actor actor, TimeProvider clock, string? note)
    {
        pause.State = state;
        pause.EndedById = actor.UserId;
        pause.EndedByName = actor.Name;
        pause.EndedAt = Now(clock);
        pause.EndNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        pause.Version++;
    }

    public static string Shorten(string text) => text.Length <= 1000 ? text : text[..999] + "…";

    internal static void Activate(Pause pause, Actor actor, TimeProvider clock)
    {
        pause.State = PauseState.Active;
        pause.PausedById = actor.UserId;
        pause.PausedByName = actor.Name;
        pause.PausedAt = Now(clock);
    }

    internal static IEnumerable<FieldChange> SignOff(string? note) =>
        string.IsNullOrWhiteSpace(note) ? [] : [new FieldChange("Sign-off", null, note.Trim())];

    private static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}

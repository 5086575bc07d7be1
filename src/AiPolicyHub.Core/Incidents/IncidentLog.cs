using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Incidents;

/// <summary>What a person reports: against a workflow or a tool, what happened and when, how bad, what kind.</summary>
public sealed class IncidentReport
{
    public int? WorkflowId { get; set; }
    public int? ToolId { get; set; }
    public string Title { get; set; } = "";
    public string WhatHappened { get; set; } = "";
    public DateTime? OccurredAt { get; set; }
    public IncidentSeverity Severity { get; set; } = IncidentSeverity.Medium;
    public IncidentCategory Category { get; set; } = IncidentCategory.WrongOutputReachedCustomer;
}

/// <summary>The triage of an incident by a manager of its department or compliance.</summary>
public sealed class IncidentTriage
{
    public IncidentStatus Status { get; set; }
    public IncidentSeverity Severity { get; set; }
    public string RootCause { get; set; } = "";
    public string Actions { get; set; } = "";
    public int Version { get; set; }
}

public sealed record IncidentListItem(int Id, string Title, string Subject, bool AboutTool, IncidentSeverity Severity, IncidentCategory Category,
    IncidentStatus Status, DateTime OccurredAt, string ReportedBy);

public sealed record IncidentQuery(IncidentStatus? Status = null, IncidentSeverity? Severity = null, bool OpenOnly = false, int? WorkflowId = null,
    int? ToolId = null, int Skip = 0, int Take = 50);

public sealed record IncidentDetail(Incident Incident, string Subject, string? Department, bool CanTriage, IReadOnlyList<PauseLink> Pauses);

/// <summary>A pause an incident caused (or proposed).</summary>
public sealed record PauseLink(int PauseId, string Subject, string Link, PauseState State, string? TriggerTitle);

/// <summary>
/// Incidents: anyone signed in reports one against a workflow or a tool; the managers of its department and compliance
/// triage it. Reports and triage are audited, and fire the incident risk triggers in the same transaction. Staff see the
/// incidents they reported, managers those of their departments and of tools, compliance all.
/// </summary>
public sealed class IncidentLog(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "Incident";

    public async Task<SaveOutcome> ReportAsync(ClaimsPrincipal principal, IncidentReport report, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to report an incident.");
        }
        var now = audit.Clock.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        if ((report.WorkflowId is null) == (report.ToolId is null))
        {
            errors.Add(nameof(report.WorkflowId), "Choose the workflow it happened in, or the AI tool it is about (one of the two).");
        }
        else if (report.WorkflowId is { } w)
        {
            var department = await db.Workflows.Where(x => x.Id == w && x.Status != WorkflowStatus.Retired)
                .Select(x => (int?)x.DepartmentId).SingleOrDefaultAsync(cancellationToken);
            if (department is null)
            {
                errors.Add(nameof(report.WorkflowId), "That workflow is not in use (any more).");
            }
            else if (await OtherDepartmentRefusalAsync(db, actor, department.Value, cancellationToken) is { } refusal)
            {
                return SaveOutcome.Forbidden(refusal);
            }
        }
        else if (report.ToolId is { } t && !await db.Tools.AnyAsync(x => x.Id == t, cancellationToken))
        {
            errors.Add(nameof(report.ToolId), "That tool no longer exists.");
        }
        Text(errors, nameof(report.Title), report.Title, 5, 200, "Give it a short title (5 to 200 characters).");
        Text(errors, nameof(report.WhatHappened), report.WhatHappened, 10, 4000, "Say what happened in 10 to 4,000 characters.");
        if (report.OccurredAt is not { } occurred)
        {
            errors.Add(nameof(report.OccurredAt), "Say when it happened (roughly is fine).");
        }
        else if (occurred.ToUniversalTime() > now.AddHours(1))
        {
            errors.Add(nameof(report.OccurredAt), "That is in the future: say when it happened.");
        }
        if (!Enum.IsDefined(report.Severity))
        {
            errors.Add(nameof(report.Severity), "Choose how severe it is.");
        }
        if (!Enum.IsDefined(report.Category))
        {
            errors.Add(nameof(report.Category), "Choose what kind of incident it is.");
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = db.Incidents.Add(new Incident
        {
            WorkflowId = report.WorkflowId,
            ToolId = report.ToolId,
            Title = report.Title.Trim(),
            WhatHappened = report.WhatHappened.Trim(),
            OccurredAt = DateTime.SpecifyKind(report.OccurredAt!.Value.ToUniversalTime(), DateTimeKind.Utc),
            Severity = report.Severity,
            Category = report.Category,
            Status = IncidentStatus.Reported,
            ReportedById = actor.UserId,
            ReportedByName = actor.Name,
            ReportedAt = now,
            Version = 1,
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        var subject = await SubjectAsync(db, incident, cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, incident.Id.ToString(), incident.Title, AuditAction.Reported,
            AuditTrail.Diff(new Dictionary<string, string>(), Describe(incident, subject.Name)), cancellationToken);
        NotificationCenter.Add(db, audit.Clock, [.. await TriagersAsync(db, subject.DepartmentId, cancellationToken)], NotificationKind.Incident,
            $"{EnumText.Of(incident.Severity)} incident reported on “{subject.Name}”: {incident.Title}", $"/incidents/{incident.Id}", actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
        var fired = await TriggerEvaluation.OnIncidentSavedAsync(db, audit, actor, incident, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, incident.Id, incident.Version, Message: fired);
    }

    public async Task<SaveOutcome> TriageAsync(ClaimsPrincipal principal, int id, IncidentTriage triage, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to triage incidents.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return SaveOutcome.NotFound;
        }
        var subject = await SubjectAsync(db, incident, cancellationToken);
        if (!MayTriage(actor, subject.DepartmentId))
        {
            return SaveOutcome.Forbidden("Only a manager of the workflow's department or a compliance officer can triage this incident.");
        }
        if (incident.Version != triage.Version)
        {
            return new SaveOutcome(SaveStatus.Conflict, incident.Id, incident.Version, Message: "Someone triaged this incident meanwhile; the page now shows their changes.");
        }
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(triage.Status)) errors.Add(nameof(triage.Status), "Choose a status.");
        if (!Enum.IsDefined(triage.Severity)) errors.Add(nameof(triage.Severity), "Choose how severe it is.");
        Text(errors, nameof(triage.RootCause), triage.RootCause, 0, 4000, "Keep the root cause to 4,000 characters.");
        Text(errors, nameof(triage.Actions), triage.Actions, 0, 4000, "Keep the actions to 4,000 characters.");
        if (triage.Status == IncidentStatus.Resolved && string.IsNullOrWhiteSpace(triage.RootCause))
        {
            errors.Add(nameof(triage.RootCause), "Write down the root cause before marking it resolved.");
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }
        var before = Describe(incident, subject.Name);
        incident.Status = triage.Status;
        incident.Severity = triage.Severity;
        incident.RootCause = triage.RootCause.Trim();
        incident.Actions = triage.Actions.Trim();
        var changes = AuditTrail.Diff(before, Describe(incident, subject.Name));
        if (changes.Count == 0)
        {
            return new SaveOutcome(SaveStatus.Saved, incident.Id, incident.Version);
        }
        incident.Version++;
        db.Entry(incident).Property(i => i.Version).OriginalValue = triage.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, incident.Id, Message: "Someone triaged this incident meanwhile; the page now shows their changes.");
        }
        await audit.AppendAsync(db, actor, EntityType, incident.Id.ToString(), incident.Title, AuditAction.Triaged, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var fired = await TriggerEvaluation.OnIncidentSavedAsync(db, audit, actor, incident, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, incident.Id, incident.Version, Message: fired);
    }

    public async Task<Page<IncidentListItem>> ListAsync(ClaimsPrincipal principal, IncidentQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return new Page<IncidentListItem>([], 0);
        }
        var incidents = Visible(db, actor);
        if (query.Status is { } status) incidents = incidents.Where(i => i.Status == status);
        if (query.OpenOnly) incidents = incidents.Where(i => i.Status == IncidentStatus.Reported || i.Status == IncidentStatus.Investigating);
        if (query.Severity is { } severity) incidents = incidents.Where(i => i.Severity == severity);
        if (query.WorkflowId is { } workflowId) incidents = incidents.Where(i => i.WorkflowId == workflowId);
        if (query.ToolId is { } toolId) incidents = incidents.Where(i => i.ToolId == toolId);
        var total = await incidents.CountAsync(cancellationToken);
        var rows = await (from i in incidents
                          join w in db.Workflows on i.WorkflowId equals w.Id into ws
                          from w in ws.DefaultIfEmpty()
                          join t in db.Tools on i.ToolId equals t.Id into ts
                          from t in ts.DefaultIfEmpty()
                          orderby i.ReportedAt descending, i.Id descending
                          select new IncidentListItem(i.Id, i.Title, w != null ? w.Name : t!.Name, i.ToolId != null, i.Severity, i.Category, i.Status,
                              i.OccurredAt, i.ReportedByName))
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200)).ToListAsync(cancellationToken);
        return new Page<IncidentListItem>(rows, total);
    }

    public async Task<IncidentDetail?> GetAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return null;
        }
        var incident = await Visible(db, actor).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var subject = await SubjectAsync(db, incident, cancellationToken);
        var pauses = await db.Pauses.AsNoTracking().Where(p => p.IncidentId == id && p.ParentId == null).ToListAsync(cancellationToken);
        var links = pauses.Select(p => new PauseLink(p.Id, subject.Name, p.WorkflowId is { } w ? $"/workflows/{w}" : $"/tools/{p.ToolId}", p.State,
            p.TriggerId is null ? null : RiskTriggerSettings.TitleOf(p.TriggerId))).ToList();
        return new IncidentDetail(incident, subject.Name, subject.Department, MayTriage(actor, subject.DepartmentId), links);
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    internal static IQueryable<Incident> Visible(AppDbContext db, Actor actor)
    {
        if (actor.IsComplianceOrAdmin)
        {
            return db.Incidents.AsNoTracking();
        }
        var departments = actor.IsManager ? actor.DepartmentIds.ToList() : [];
        var userId = actor.UserId;
        return db.Incidents.AsNoTracking().Where(i => i.ReportedById == userId
            || (actor.IsManager && i.ToolId != null)
            || db.Workflows.Any(w => w.Id == i.WorkflowId && departments.Contains(w.DepartmentId)));
    }

    public const string OtherDepartmentRefusal =
        "You can report incidents on your own department's workflows, and on AI tools; for another department's workflow, tell its manager or compliance.";

    /// <summary>
    /// Staff (neither a manager nor compliance) report on the workflows of their own department — a critical report pauses the
    /// workflow at once, so nobody outside it may pull that trigger (an AI assistant acting with a staff token included). A
    /// person whose account names no department is not held to one. Managers and compliance report on any workflow; anyone
    /// on a tool. Null when the report may go ahead. The refusal does not say which department the workflow belongs to.
    /// </summary>
    private static async Task<string?> OtherDepartmentRefusalAsync(AppDbContext db, Actor actor, int workflowDepartment, CancellationToken cancellationToken)
    {
        if (actor.IsComplianceOrAdmin || actor.IsManager)
        {
            return null;
        }
        var own = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DepartmentId).SingleOrDefaultAsync(cancellationToken);
        return own is null || own == workflowDepartment ? null : OtherDepartmentRefusal;
    }
    /// <summary>Whether <paramref name="actor"/> may triage <paramref name="incident"/> (and so change its Art. 73 details).</summary>
    internal static async Task<bool> MayTriageAsync(AppDbContext db, Actor actor, Incident incident, CancellationToken cancellationToken) =>
        MayTriage(actor, (await SubjectAsync(db, incident, cancellationToken)).DepartmentId);

    /// <summary>Who triages <paramref name="incident"/>: the managers of its workflow's department and compliance.</summary>
    internal static async Task<IEnumerable<string>> TriagersOfAsync(AppDbContext db, Incident incident, CancellationToken cancellationToken) =>
        await TriagersAsync(db, (await SubjectAsync(db, incident, cancellationToken)).DepartmentId, cancellationToken);

    /// <summary>Workflow incidents: compliance or a manager of its department; tool incidents: compliance.</summary>
    private static bool MayTriage(Actor actor, int? departmentId) =>
        actor.IsComplianceOrAdmin || (departmentId is { } d && actor.IsManager && actor.DepartmentIds.Contains(d));

    private sealed record IncidentSubject(string Name, int? DepartmentId, string? Department);

    private static async Task<IncidentSubject> SubjectAsync(AppDbContext db, Incident incident, CancellationToken cancellationToken)
    {
        if (incident.WorkflowId is { } workflowId)
        {
            var w = await db.Workflows.AsNoTracking().Where(x => x.Id == workflowId)
                .Select(x => new { x.Name, x.DepartmentId, Department = x.Department!.Name }).SingleAsync(cancellationToken);
            return new IncidentSubject(w.Name, w.DepartmentId, w.Department);
        }
        var tool = await db.Tools.AsNoTracking().Where(t => t.Id == incident.ToolId).Select(t => t.Name).SingleAsync(cancellationToken);
        return new IncidentSubject(tool, null, null);
    }

    private static async Task<IEnumerable<string>> TriagersAsync(AppDbContext db, int? departmentId, CancellationToken cancellationToken)
    {
        var managers = departmentId is { } d
            ? await db.DepartmentManagers.Where(m => m.DepartmentId == d).Select(m => m.UserId).ToListAsync(cancellationToken)
            : [];
        return managers.Concat(await NotificationCenter.ComplianceOfficersAsync(db, cancellationToken));
    }

    private static Dictionary<string, string> Describe(Incident i, string subject) => new()
    {
        [i.WorkflowId is null ? "AI tool" : "Workflow"] = subject,
        ["Title"] = i.Title,
        ["What happened"] = i.WhatHappened,
        ["When"] = i.OccurredAt.ToString("yyyy-MM-dd HH:mm") + " UTC",
        ["Severity"] = EnumText.Of(i.Severity),
        ["Category"] = EnumText.Of(i.Category),
        ["Status"] = EnumText.Of(i.Status),
        ["Root cause"] = i.RootCause,
        ["Actions"] = i.Actions,
    };

    private static void Text(ValidationErrors errors, string field, string? value, int min, int max, string message)
    {
        var length = value?.Trim().Length ?? 0;
        if (length < min || length > max)
        {
            errors.Add(field, message);
        }
    }
}

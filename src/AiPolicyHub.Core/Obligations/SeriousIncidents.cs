using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Obligations;

/// <summary>Where a serious incident's reporting deadline stands on a given day.</summary>
public sealed record Art73Clock(SeriousIncidentKind Kind, DateOnly AwareOn, DateOnly Deadline, int DaysLeft, bool Reported)
{
    public bool Overdue => !Reported && DaysLeft < 0;

    /// <summary>
    /// The deadline of Art. 73: the report is due at the latest 15 days after becoming aware (Art. 73(2)), 10 days for a
    /// death (73(4)), 2 days for a widespread infringement or a serious disruption of critical infrastructure (73(3)). The
    /// deadline day itself still counts as in time; the day after it is overdue.
    /// </summary>
    public static int DaysFor(SeriousIncidentKind kind) => kind switch
    {
        SeriousIncidentKind.Death => 10,
        SeriousIncidentKind.WidespreadOrCriticalInfrastructure => 2,
        _ => 15,
    };

    public static Art73Clock On(SeriousIncidentKind kind, DateOnly awareOn, DateOnly today, bool reported)
    {
        var deadline = awareOn.AddDays(DaysFor(kind));
        return new Art73Clock(kind, awareOn, deadline, deadline.DayNumber - today.DayNumber, reported);
    }

    /// <summary>"Due in 3 days (by 18 December 2026)", "Overdue by 2 days", for the incident page and notifications.</summary>
    public string Describe() => Reported
        ? $"Reported to the authority (deadline was {Deadline:d MMMM yyyy})"
        : DaysLeft switch
        {
            < -1 => $"Overdue by {-DaysLeft} days (was due {Deadline:d MMMM yyyy})",
            -1 => $"Overdue by 1 day (was due {Deadline:d MMMM yyyy})",
            0 => $"Due today ({Deadline:d MMMM yyyy})",
            1 => $"Due tomorrow ({Deadline:d MMMM yyyy})",
            _ => $"Due in {DaysLeft} days (by {Deadline:d MMMM yyyy})",
        };
}

public sealed record NoticeForm(NoticeRecipient Recipient, string RecipientName, DateOnly? SentOn, string Reference);

public sealed record SeriousIncidentView(int IncidentId, SeriousIncidentKind? Kind, DateOnly? AwareOn, Art73Clock? Clock, IReadOnlyList<IncidentNotice> Notices,
    bool CanChange, int Version);

/// <summary>
/// Serious incidents under Art. 73: an incident's classification (its kind, and the day the organisation became aware), the
/// reporting deadline that follows, and the log of notices sent to the provider and the authorities (Art. 26(5)). The clock
/// stops when a notice to the market surveillance authority is logged. Whoever may triage the incident changes these.
/// </summary>
public sealed class SeriousIncidents(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, IncidentLog incidents)
{
    /// <summary>Reminders go out when this many days or fewer are left.</summary>
    public const int ReminderDays = 3;
    public const int BatchSize = 500;

    public async Task<SeriousIncidentView?> ViewAsync(ClaimsPrincipal principal, int incidentId, CancellationToken cancellationToken = default)
    {
        var detail = await incidents.GetAsync(principal, incidentId, cancellationToken);
        if (detail is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notices = await db.IncidentNotices.AsNoTracking().Where(n => n.IncidentId == incidentId)
            .OrderByDescending(n => n.SentOn).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
        var incident = detail.Incident;
        return new SeriousIncidentView(incidentId, incident.SeriousKind, incident.AwareOn, ClockOf(incident, notices, Today), notices, detail.CanTriage, incident.Version);
    }

    /// <summary>Classifies the incident as serious (or, with <paramref name="kind"/> null, as not serious any more).</summary>
    public async Task<SaveOutcome> ClassifyAsync(ClaimsPrincipal principal, int incidentId, SeriousIncidentKind? kind, DateOnly? awareOn, int version,
        CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (kind is { } k && !Enum.IsDefined(k)) errors.Add("Kind", "Choose the kind of serious incident.");
        if (kind is not null && awareOn is null) errors.Add("AwareOn", "Give the day the organisation became aware of it: the deadline counts from there.");
        if (awareOn > Today) errors.Add("AwareOn", "That day is in the future.");
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, incidentId, Errors: errors);
        }
        return await ChangeAsync(principal, incidentId, version, async (db, actor, incident) =>
        {
            var before = Describe(incident.SeriousKind, incident.AwareOn);
            incident.SeriousKind = kind;
            incident.AwareOn = kind is null ? null : awareOn;
            var changes = AuditTrail.Diff(before, Describe(incident.SeriousKind, incident.AwareOn));
            if (changes.Count > 0 && kind is { } serious)
            {
                var clock = Art73Clock.On(serious, awareOn!.Value, Today, false);
                NotificationCenter.Add(db, audit.Clock, await IncidentLog.TriagersOfAsync(db, incident, cancellationToken), NotificationKind.SeriousIncidentDeadline,
                    $"Serious incident “{incident.Title}”: report it to the authority. {clock.Describe()}", $"/incidents/{incident.Id}", actor.UserId);
            }
            return changes;
        }, cancellationToken);
    }

    /// <summary>Logs a notice sent about a serious incident: to whom, when, with which reference.</summary>
    public async Task<SaveOutcome> RecordNoticeAsync(ClaimsPrincipal principal, int incidentId, NoticeForm form, int version,
        CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(form.Recipient)) errors.Add(nameof(form.Recipient), "Choose who was notified.");
        var name = (form.RecipientName ?? "").Trim();
        var reference = (form.Reference ?? "").Trim();
        if (name.Length is < 2 or > 200) errors.Add(nameof(form.RecipientName), "Name the provider or authority (2 to 200 characters).");
        if (form.SentOn is null) errors.Add(nameof(form.SentOn), "Give the day it was sent.");
        else if (form.SentOn > Today) errors.Add(nameof(form.SentOn), "That day is in the future.");
        if (reference.Length > 200) errors.Add(nameof(form.Reference), "Keep the reference to 200 characters.");
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, incidentId, Errors: errors);
        }
        return await ChangeAsync(principal, incidentId, version, (db, actor, incident) =>
        {
            if (incident.SeriousKind is null)
            {
                return Task.FromResult<List<FieldChange>?>(null);
            }
            db.IncidentNotices.Add(new IncidentNotice
            {
                IncidentId = incidentId, Recipient = form.Recipient, RecipientName = name, SentOn = form.SentOn!.Value, Reference = reference,
                RecordedById = actor.UserId, RecordedByName = actor.Name, RecordedAt = audit.Clock.GetUtcNow().UtcDateTime,
            });
            return Task.FromResult<List<FieldChange>?>(
                [new FieldChange("Notice sent", null, $"{EnumText.Of(form.Recipient)} ({name}) on {form.SentOn:yyyy-MM-dd}" + (reference.Length > 0 ? $", reference {reference}" : ""))]);
        }, cancellationToken);
    }

    /// <summary>
    /// The scheduled check: for every open serious incident not yet reported to the authority, a reminder to the people who
    /// triage it when <see cref="ReminderDays"/> or fewer are left, and another once it is overdue. Each is sent once (keyed).
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.SeriousKind != null && i.AwareOn != null && i.Status != IncidentStatus.Closed
                && !db.IncidentNotices.Any(n => n.IncidentId == i.Id && n.Recipient == NoticeRecipient.MarketSurveillanceAuthority))
            .OrderBy(i => i.AwareOn).ThenBy(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var due = open.Select(i => (Incident: i, Clock: Art73Clock.On(i.SeriousKind!.Value, i.AwareOn!.Value, today, false)))
            .Where(x => x.Clock.DaysLeft <= ReminderDays)
            .Select(x => (x.Incident, x.Clock, Key: $"art73:{(x.Clock.Overdue ? "overdue" : "due")}:{x.Incident.Id}:{x.Clock.Deadline:yyyy-MM-dd}"))
            .ToList();
        var keys = due.Select(d => d.Key).ToList();
        var sent = (await db.Notifications.Where(n => n.Key != null && keys.Contains(n.Key)).Select(n => n.Key!).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var reminders = 0;
        foreach (var (incident, clock, key) in due.Where(d => !sent.Contains(d.Key)))
        {
            NotificationCenter.Add(db, audit.Clock, await IncidentLog.TriagersOfAsync(db, incident, cancellationToken), NotificationKind.SeriousIncidentDeadline,
                $"Serious incident “{incident.Title}”: report it to the authority. {clock.Describe()}",
                $"/incidents/{incident.Id}", key: key);
            reminders++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return reminders;
    }

    private DateOnly Today => DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);

    private static Art73Clock? ClockOf(Incident incident, IReadOnlyList<IncidentNotice> notices, DateOnly today) =>
        incident is { SeriousKind: { } kind, AwareOn: { } aware }
            ? Art73Clock.On(kind, aware, today, notices.Any(n => n.Recipient == NoticeRecipient.MarketSurveillanceAuthority))
            : null;

    private static Dictionary<string, string> Describe(SeriousIncidentKind? kind, DateOnly? awareOn) => new()
    {
        ["Serious incident (Art. 73)"] = kind is { } k ? EnumText.Of(k) : "No",
        ["Aware of it since"] = awareOn?.ToString("yyyy-MM-dd") ?? "",
    };

    private async Task<SaveOutcome> ChangeAsync(ClaimsPrincipal principal, int incidentId, int version,
        Func<AppDbContext, Actor, Incident, Task<List<FieldChange>?>> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to change the incident.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!await IncidentLog.MayTriageAsync(db, actor, incident, cancellationToken))
        {
            return SaveOutcome.Forbidden("Only a manager of the workflow's department or a compliance officer can change this incident.");
        }
        if (incident.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, incidentId, incident.Version, Message: "Someone changed this incident meanwhile; the page now shows their changes.");
        }
        var changes = await change(db, actor, incident);
        if (changes is null)
        {
            var errors = new ValidationErrors();
            errors.Add("Kind", "Classify it as a serious incident first.");
            return new SaveOutcome(SaveStatus.Invalid, incidentId, Errors: errors);
        }
        if (changes.Count == 0)
        {
            return new SaveOutcome(SaveStatus.Saved, incidentId, incident.Version);
        }
        incident.Version++;
        db.Entry(incident).Property(i => i.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, incidentId, Message: "Someone changed this incident meanwhile; the page now shows their changes.");
        }
        await audit.AppendAsync(db, actor, IncidentLog.EntityType, incident.Id.ToString(), incident.Title, AuditAction.Changed, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, incidentId, incident.Version);
    }
}

/// <summary>The Art. 73 reminders (<see cref="SeriousIncidents.RemindAsync"/>) as a job the scheduler runs on one instance at a time.</summary>
public sealed class SeriousIncidentDeadlineJob(SeriousIncidents incidents) : IScheduledJob
{
    public string Name => "serious-incident-deadlines";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        $"{await incidents.RemindAsync(cancellationToken)} serious-incident deadline reminder(s) sent.";
}

using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reviews;

/// <summary>What compliance fills in to start a campaign.</summary>
public sealed class CampaignForm
{
    public string Title { get; set; } = "";
    /// <summary>Null for everyone.</summary>
    public int? DepartmentId { get; set; }
    public DateOnly? DueOn { get; set; }
}

/// <summary>A campaign in the list: its scope, dates and how far the owners have answered.</summary>
public sealed record CampaignSummary(int Id, string Title, string Scope, DateOnly DueOn, DateTime StartedAt, string StartedBy,
    DateTime? ClosedAt, string? ClosedBy, int Answered, int Corrected, int Total, int Version)
{
    public bool IsOpen => ClosedAt is null;
}

/// <summary>Answered out of all, for one department (or "AI tools" for the tools of an everyone campaign).</summary>
public sealed record ProgressLine(string Name, int Answered, int Total);

/// <summary>One item of a campaign as compliance sees it.</summary>
public sealed record AttestationLine(int Id, AttestedKind Kind, string Name, string Link, string Department, string Owner,
    AttestationAnswer Answer, DateTime? AnsweredAt, string? Note);

public sealed record CampaignProgress(CampaignSummary Campaign, IReadOnlyList<ProgressLine> ByDepartment, IReadOnlyList<AttestationLine> Items);

/// <summary>One record the signed-in owner is asked to confirm.</summary>
public sealed record MyAttestation(int Id, int CampaignId, string Campaign, DateOnly DueOn, AttestedKind Kind, string Name, string Link,
    AttestationAnswer Answer, string? Note, int Version);

/// <summary>A campaign with its items, for the audit pack.</summary>
public sealed record CampaignRecord(CampaignSummary Campaign, IReadOnlyList<AttestationLine> Items);

/// <summary>
/// Owner attestation campaigns: compliance starts one for a department or everyone with a due date; each owner of a
/// workflow, agent (and, for everyone, AI tool) in scope confirms their record is still as stored, or says what they
/// corrected (through the record's own page and save); reminders go to owners who have not answered
/// (<see cref="RemindAsync"/>, a daily job); compliance closes it. Every change is role-checked and in the audit trail.
/// </summary>
public sealed class AttestationCampaigns(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "AttestationCampaign";
    /// <summary>An owner who has not answered is reminded every this many days after the start, until the campaign closes.</summary>
    public const int ReminderEveryDays = 7;
    public const string MineLink = "/my-attestations";

    private DateOnly Today => DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);

    public async Task<SaveOutcome> StartAsync(ClaimsPrincipal principal, CampaignForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is not { IsComplianceOrAdmin: true })
        {
            return SaveOutcome.Forbidden("Only a compliance officer or an administrator can start an attestation campaign.");
        }
        var errors = new ValidationErrors();
        errors.Required(nameof(CampaignForm.Title), form.Title, "a title", AttestationCampaign.TitleMaxLength);
        if (form.DueOn is not { } due)
        {
            errors.Add(nameof(CampaignForm.DueOn), "Choose the date by which owners must answer.");
        }
        else if (due <= Today)
        {
            errors.Add(nameof(CampaignForm.DueOn), "The due date must be after today.");
        }
        string scope = "Everyone";
        if (form.DepartmentId is { } departmentId)
        {
            scope = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
            if (scope.Length == 0)
            {
                errors.Add(nameof(CampaignForm.DepartmentId), "That department no longer exists.");
            }
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: errors.All.First());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = await ScopeAsync(db, form.DepartmentId, cancellationToken);
        if (items.Count == 0)
        {
            errors.Add(nameof(CampaignForm.DepartmentId), $"No workflow or agent in scope ({scope}) has an owner to ask.");
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: errors.All.First());
        }
        var campaign = new AttestationCampaign
        {
            Title = form.Title.Trim(), DepartmentId = form.DepartmentId, DueOn = form.DueOn!.Value, StartedById = actor.UserId,
            StartedByName = actor.Name, StartedAt = audit.Clock.GetUtcNow().UtcDateTime, Version = 1,
        };
        db.AttestationCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var item in items)
        {
            item.CampaignId = campaign.Id;
            item.Version = 1;
        }
        db.Attestations.AddRange(items);
        var owners = items.Select(i => i.OwnerId).Distinct().ToList();
        await audit.AppendAsync(db, actor, EntityType, campaign.Id.ToString(), campaign.Title, AuditAction.Created,
            [new FieldChange("Scope", null, scope), new FieldChange("Due on", null, campaign.DueOn.ToString("yyyy-MM-dd")),
             new FieldChange("Records", null, items.Count.ToString()), new FieldChange("Owners", null, owners.Count.ToString())], cancellationToken);
        foreach (var owner in owners)
        {
            var count = items.Count(i => i.OwnerId == owner);
            NotificationCenter.Add(db, audit.Clock, [owner], NotificationKind.AttestationDue,
                $"“{campaign.Title}”: confirm {(count == 1 ? "your record is" : $"your {count} records are")} still right by {campaign.DueOn:d MMMM yyyy}",
                MineLink, key: $"attestation:{campaign.Id}:{owner}:start");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, campaign.Id, campaign.Version,
            Message: $"The campaign is started: {owners.Count} owner(s) are asked about {items.Count} record(s).");
    }

    /// <summary>The owned, live records in scope: workflows and agents of the department (or all), and for everyone the AI tools.</summary>
    private static async Task<List<Attestation>> ScopeAsync(AppDbContext db, int? departmentId, CancellationToken cancellationToken)
    {
        var enabled = db.Users.Where(u => !u.IsDisabled).Select(u => u.Id);
        var workflows = db.Workflows.Where(w => w.Status != WorkflowStatus.Retired && w.OwnerId != null && enabled.Contains(w.OwnerId));
        var agents = db.Agents.Where(a => a.Status != WorkflowStatus.Retired && a.OwnerId != null && enabled.Contains(a.OwnerId));
        if (departmentId is { } d)
        {
            workflows = workflows.Where(w => w.DepartmentId == d);
            agents = agents.Where(a => a.DepartmentId == d);
        }
        var items = await workflows.OrderBy(w => w.Id).Select(w => new Attestation
        {
            SubjectKind = AttestedKind.Workflow, SubjectId = w.Id, SubjectName = w.Name, DepartmentId = w.DepartmentId, OwnerId = w.OwnerId!,
        }).ToListAsync(cancellationToken);
        items.AddRange(await agents.OrderBy(a => a.Id).Select(a => new Attestation
        {
            SubjectKind = AttestedKind.Agent, SubjectId = a.Id, SubjectName = a.Name, DepartmentId = a.DepartmentId, OwnerId = a.OwnerId!,
        }).ToListAsync(cancellationToken));
        if (departmentId is null)
        {
            items.AddRange(await db.Tools.Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired && t.OwnerId != null && enabled.Contains(t.OwnerId))
                .OrderBy(t => t.Id).Select(t => new Attestation
                {
                    SubjectKind = AttestedKind.Tool, SubjectId = t.Id, SubjectName = t.Name, OwnerId = t.OwnerId!,
                }).ToListAsync(cancellationToken));
        }
        return items;
    }

    /// <summary>
    /// The owner answers for one record: still as stored, or corrected (the correction itself is made through the record's
    /// own page; <paramref name="note"/> says what changed). They may answer again while the campaign is open.
    /// </summary>
    public async Task<SaveOutcome> AnswerAsync(ClaimsPrincipal principal, int attestationId, int version, bool corrected, string? note,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Your account can no longer make changes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.Attestations.SingleOrDefaultAsync(a => a.Id == attestationId, cancellationToken);
        if (item is null)
        {
            return SaveOutcome.NotFound;
        }
        if (item.OwnerId != actor.UserId)
        {
            return SaveOutcome.Forbidden("Only the record's owner, who was asked, can answer for it.");
        }
        var campaign = await db.AttestationCampaigns.AsNoTracking().SingleAsync(c => c.Id == item.CampaignId, cancellationToken);
        if (!campaign.IsOpen)
        {
            return new SaveOutcome(SaveStatus.Invalid, Message: "This campaign is closed; answers can no longer change.");
        }
        if (item.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, item.Id, item.Version, Message: "You answered this already in another window; reload to see the answer.");
        }
        var text = note?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (corrected && text.Length == 0)
        {
            errors.Add(nameof(Attestation.Note), "Say what you corrected.");
        }
        errors.MaxLength(nameof(Attestation.Note), text, "the note", Attestation.NoteMaxLength);
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: errors.All.First());
        }
        var answer = corrected ? AttestationAnswer.Corrected : AttestationAnswer.Confirmed;
        var before = item.Answer;
        item.Answer = answer;
        item.Note = text.Length == 0 ? null : text;
        item.AnsweredAt = audit.Clock.GetUtcNow().UtcDateTime;
        item.Version++;
        var entityType = item.SubjectKind switch
        {
            AttestedKind.Workflow => WorkflowInventory.EntityType,
            AttestedKind.Agent => Agents.AgentSave.EntityType,
            _ => ToolCatalog.EntityType,
        };
        await audit.AppendAsync(db, actor, entityType, item.SubjectId.ToString(), item.SubjectName, AuditAction.Attested,
            [new FieldChange("Attestation", before == AttestationAnswer.Pending ? null : EnumText.Of(before), EnumText.Of(answer)),
             new FieldChange("Campaign", null, campaign.Title), .. text.Length == 0 ? Array.Empty<FieldChange>() : [new FieldChange("Note", null, text)]],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, item.Id, item.Version,
            Message: corrected ? $"Thank you: “{item.SubjectName}” is recorded as corrected." : $"Thank you: “{item.SubjectName}” is confirmed as stored.");
    }

    /// <summary>Compliance closes a campaign: no more answers or reminders; what is unanswered stays so in its record.</summary>
    public async Task<SaveOutcome> CloseAsync(ClaimsPrincipal principal, int campaignId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is not { IsComplianceOrAdmin: true })
        {
            return SaveOutcome.Forbidden("Only a compliance officer or an administrator can close an attestation campaign.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var campaign = await db.AttestationCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return SaveOutcome.NotFound;
        }
        if (campaign.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, campaign.Id, campaign.Version, Message: "The campaign changed since you opened it; reload.");
        }
        if (!campaign.IsOpen)
        {
            return new SaveOutcome(SaveStatus.Invalid, Message: "This campaign is already closed.");
        }
        var pending = await db.Attestations.CountAsync(a => a.CampaignId == campaignId && a.Answer == AttestationAnswer.Pending, cancellationToken);
        campaign.ClosedAt = audit.Clock.GetUtcNow().UtcDateTime;
        campaign.ClosedByName = actor.Name;
        campaign.Version++;
        await audit.AppendAsync(db, actor, EntityType, campaign.Id.ToString(), campaign.Title, AuditAction.Closed,
            [new FieldChange("Status", "Open", "Closed"), new FieldChange("Not answered", null, pending.ToString())], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, campaign.Id, campaign.Version,
            Message: pending == 0 ? "The campaign is closed; every owner answered." : $"The campaign is closed; {pending} record(s) were not answered.");
    }

    /// <summary>
    /// Reminds each owner with unanswered items in an open campaign, every <see cref="ReminderEveryDays"/> days after the
    /// start (once per period: running often, or on several instances, repeats nothing).
    /// </summary>
    /// <returns>How many reminders were sent.</returns>
    public async Task<int> RemindAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await (from a in db.Attestations
                             join c in db.AttestationCampaigns on a.CampaignId equals c.Id
                             where c.ClosedAt == null && a.Answer == AttestationAnswer.Pending
                             group a by new { c.Id, c.Title, c.DueOn, c.StartedAt, a.OwnerId } into g
                             select new { g.Key.Id, g.Key.Title, g.Key.DueOn, g.Key.StartedAt, g.Key.OwnerId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var p in pending)
        {
            var period = (today.DayNumber - DateOnly.FromDateTime(p.StartedAt).DayNumber) / ReminderEveryDays;
            if (period < 1)
            {
                continue;
            }
            var key = $"attestation:{p.Id}:{p.OwnerId}:reminder-{period}";
            if (await db.Notifications.AnyAsync(n => n.Key == key, cancellationToken))
            {
                continue;
            }
            var when = p.DueOn < today ? $"was due on {p.DueOn:d MMMM yyyy}" : $"is due on {p.DueOn:d MMMM yyyy}";
            NotificationCenter.Add(db, audit.Clock, [p.OwnerId], NotificationKind.AttestationDue,
                $"Reminder: “{p.Title}” {when}; {(p.Count == 1 ? "1 record waits" : $"{p.Count} records wait")} for your answer", MineLink, key: key);
            sent++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    public async Task<Result<IReadOnlyList<CampaignSummary>>> ListAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<IReadOnlyList<CampaignSummary>>.Failure("Only compliance officers and administrators see attestation campaigns.");
        }
        return Result.Success<IReadOnlyList<CampaignSummary>>(await SummariesAsync(db, db.AttestationCampaigns, cancellationToken));
    }

    public async Task<Result<CampaignProgress>> ProgressAsync(ClaimsPrincipal principal, int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<CampaignProgress>.Failure("Only compliance officers and administrators see attestation campaigns.");
        }
        var summary = (await SummariesAsync(db, db.AttestationCampaigns.Where(c => c.Id == campaignId), cancellationToken)).SingleOrDefault();
        if (summary is null)
        {
            return Result<CampaignProgress>.Failure("This campaign no longer exists.");
        }
        var items = (await LinesAsync(db, [campaignId], cancellationToken))[campaignId];
        var byDepartment = items.GroupBy(i => i.Department)
            .Select(g => new ProgressLine(g.Key, g.Count(i => i.Answer != AttestationAnswer.Pending), g.Count()))
            .OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return Result.Success(new CampaignProgress(summary, byDepartment, items.ToList()));
    }

    /// <summary>The signed-in user's items in open campaigns, unanswered first.</summary>
    public async Task<IReadOnlyList<MyAttestation>> MineAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return [];
        }
        var rows = await (from a in db.Attestations.AsNoTracking()
                          join c in db.AttestationCampaigns on a.CampaignId equals c.Id
                          where a.OwnerId == actor.UserId && c.ClosedAt == null
                          orderby c.DueOn, a.Answer, a.SubjectName
                          select new { a, c.Title, c.DueOn }).ToListAsync(cancellationToken);
        return rows.Select(r => new MyAttestation(r.a.Id, r.a.CampaignId, r.Title, r.DueOn, r.a.SubjectKind, r.a.SubjectName, r.a.Link,
            r.a.Answer, r.a.Note, r.a.Version)).OrderBy(m => m.Answer != AttestationAnswer.Pending).ToList();
    }

    /// <summary>How many records wait for the user's answer (for the home page's notice).</summary>
    public async Task<int> OpenCountAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default) =>
        (await MineAsync(principal, cancellationToken)).Count(m => m.Answer == AttestationAnswer.Pending);

    /// <summary>
    /// The campaigns open at any time from <paramref name="from"/> to <paramref name="to"/> (both included, UTC), with every
    /// item and answer: for the audit pack.
    /// </summary>
    public async Task<IReadOnlyList<CampaignRecord>> InPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaigns = await SummariesAsync(db, db.AttestationCampaigns.Where(c => c.StartedAt < end && (c.ClosedAt == null || c.ClosedAt >= start)), cancellationToken);
        var lines = await LinesAsync(db, campaigns.Select(c => c.Id).ToList(), cancellationToken);
        return campaigns.OrderBy(c => c.StartedAt).Select(c => new CampaignRecord(c, lines[c.Id].ToList())).ToList();
    }

    private static async Task<List<CampaignSummary>> SummariesAsync(AppDbContext db, IQueryable<AttestationCampaign> campaigns, CancellationToken cancellationToken)
    {
        var rows = await campaigns.AsNoTracking().OrderByDescending(c => c.StartedAt)
            .Select(c => new
            {
                c, Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                Answered = db.Attestations.Count(a => a.CampaignId == c.Id && a.Answer != AttestationAnswer.Pending),
                Corrected = db.Attestations.Count(a => a.CampaignId == c.Id && a.Answer == AttestationAnswer.Corrected),
                Total = db.Attestations.Count(a => a.CampaignId == c.Id),
            }).ToListAsync(cancellationToken);
        return rows.Select(r => new CampaignSummary(r.c.Id, r.c.Title, r.c.DepartmentId is null ? "Everyone" : r.Department ?? "(removed department)",
            r.c.DueOn, DateTime.SpecifyKind(r.c.StartedAt, DateTimeKind.Utc), r.c.StartedByName,
            r.c.ClosedAt is { } closed ? DateTime.SpecifyKind(closed, DateTimeKind.Utc) : null, r.c.ClosedByName,
            r.Answered, r.Corrected, r.Total, r.c.Version)).ToList();
    }

    private static async Task<ILookup<int, AttestationLine>> LinesAsync(AppDbContext db, IReadOnlyList<int> campaignIds, CancellationToken cancellationToken)
    {
        var rows = await (from a in db.Attestations.AsNoTracking()
                          where campaignIds.Contains(a.CampaignId)
                          join u in db.Users on a.OwnerId equals u.Id into owners
                          from u in owners.DefaultIfEmpty()
                          orderby a.SubjectKind, a.SubjectName
                          select new
                          {
                              a, Department = db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                              Owner = u != null ? (u.DisplayName != "" ? u.DisplayName : u.Email) : null,
                          }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.a.CampaignId, r => new AttestationLine(r.a.Id, r.a.SubjectKind, r.a.SubjectName, r.a.Link,
            r.a.DepartmentId is null ? "AI tools" : r.Department ?? "", string.IsNullOrWhiteSpace(r.Owner) ? r.a.OwnerId : r.Owner,
            r.a.Answer, r.a.AnsweredAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null, r.a.Note));
    }
}

/// <summary>The attestation reminders (<see cref="AttestationCampaigns.RemindAsync"/>) as a job: every six hours, on one instance.</summary>
public sealed class AttestationReminderJob(AttestationCampaigns campaigns) : Scheduling.IScheduledJob
{
    public string Name => "attestation-reminders";

    public TimeSpan Interval => TimeSpan.FromHours(6);

    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        $"{await campaigns.RemindAsync(cancellationToken)} attestation reminder(s) sent.";
}

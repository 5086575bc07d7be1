using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Evidence;

/// <summary>
/// Expiry dates at work: what the "evidence expired" rule sees of each workflow (its own evidence and its tools'), and the
/// notices to owners ahead of an expiry.
/// </summary>
public static class EvidenceExpiries
{
    /// <summary>
    /// Evidence expired before <paramref name="today"/>, by workflow: the workflow's own and that of the tools it uses, for
    /// the workflows <paramref name="workflowIds"/> selects (all when null). One query each over the expiry index.
    /// </summary>
    public static async Task<ILookup<int, RuleEvidence>> ExpiredByWorkflowAsync(AppDbContext db, DateOnly today, IQueryable<int>? workflowIds = null,
        CancellationToken cancellationToken = default)
    {
        var expired = db.Evidence.AsNoTracking().Where(e => e.ExpiresOn != null && e.ExpiresOn < today);
        var own = expired.Where(e => e.SubjectKind == EvidenceSubjectKind.Workflow);
        if (workflowIds is not null)
        {
            own = own.Where(e => workflowIds.Contains(e.SubjectId));
        }
        var ownRows = await own.Select(e => new { WorkflowId = e.SubjectId, e.Description, ExpiresOn = e.ExpiresOn!.Value }).ToListAsync(cancellationToken);
        var links = db.WorkflowTools.AsNoTracking();
        if (workflowIds is not null)
        {
            links = links.Where(l => workflowIds.Contains(l.WorkflowId));
        }
        var toolRows = await (from e in expired
                              where e.SubjectKind == EvidenceSubjectKind.Tool
                              join l in links on e.SubjectId equals l.ToolId
                              join t in db.Tools on l.ToolId equals t.Id
                              select new { l.WorkflowId, e.Description, ExpiresOn = e.ExpiresOn!.Value, Tool = t.Name }).ToListAsync(cancellationToken);
        return ownRows.Select(r => (r.WorkflowId, Evidence: new RuleEvidence(r.Description, r.ExpiresOn)))
            .Concat(toolRows.Select(r => (r.WorkflowId, Evidence: new RuleEvidence(r.Description, r.ExpiresOn, r.Tool))))
            .OrderBy(r => r.Evidence.ExpiresOn)
            .ToLookup(r => r.WorkflowId, r => r.Evidence);
    }
}

/// <summary>
/// Tells each owner, once, that a piece of evidence expires within <see cref="EvidenceOptions.ExpiryNoticeDays"/> (or has
/// expired, when it is first seen after its date). Idempotent: a notice is keyed by the evidence and its expiry date, so
/// running often or on several instances repeats nothing, and a new expiry date is announced again.
/// </summary>
public sealed class EvidenceExpiryCheck(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, EvidenceOptions options)
{
    /// <summary>At most this many notices per run; the next run takes the rest.</summary>
    public const int BatchSize = 500;

    public static string KeyOf(int evidenceId, DateOnly expiresOn) => $"evidence-expiring:{evidenceId}:{expiresOn:yyyy-MM-dd}";

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(options.ExpiryNoticeDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Evidence.AsNoTracking()
            .Where(e => e.ExpiresOn != null && e.ExpiresOn <= until)
            .OrderBy(e => e.ExpiresOn).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.SubjectKind, e.SubjectId, e.Description, ExpiresOn = e.ExpiresOn!.Value, OwnerId = e.OwnerId ?? e.AddedById })
            .ToListAsync(cancellationToken);
        var keys = due.ToDictionary(d => d.Id, d => KeyOf(d.Id, d.ExpiresOn));
        var sent = new HashSet<string>();
        foreach (var chunk in keys.Values.Chunk(500))
        {
            var list = chunk.ToList();
            sent.UnionWith(await db.Notifications.Where(n => n.Key != null && list.Contains(n.Key)).Select(n => n.Key!).ToListAsync(cancellationToken));
        }
        var notices = 0;
        foreach (var item in due.Where(d => !sent.Contains(keys[d.Id])).Take(BatchSize))
        {
            var link = await LinkAsync(db, new EvidenceSubject(item.SubjectKind, item.SubjectId), cancellationToken);
            var when = item.ExpiresOn < today ? $"expired on {item.ExpiresOn:d MMMM yyyy}" : $"expires on {item.ExpiresOn:d MMMM yyyy}";
            NotificationCenter.Add(db, audit.Clock, [item.OwnerId], NotificationKind.EvidenceExpiring,
                $"Evidence “{item.Description}” {when}: attach current evidence", link, key: keys[item.Id]);
            notices++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return notices;
    }

    private static async Task<string> LinkAsync(AppDbContext db, EvidenceSubject subject, CancellationToken cancellationToken) => subject.Kind switch
    {
        EvidenceSubjectKind.Workflow => $"/workflows/{subject.Id}#evidence",
        EvidenceSubjectKind.Agent => $"/agents/{subject.Id}#evidence",
        EvidenceSubjectKind.Tool => $"/tools/{subject.Id}#evidence",
        EvidenceSubjectKind.Incident => $"/incidents/{subject.Id}#evidence",
        EvidenceSubjectKind.Control => Compliance.AnnexAControls.BySubjectId(subject.Id) is { } control
            ? Compliance.StatementOfApplicability.LinkOf(control.Code) + "#evidence" : Compliance.StatementOfApplicability.Path,
        EvidenceSubjectKind.Review => $"/reviews/{subject.Id}#evidence",
        EvidenceSubjectKind.RuleException => $"/workflows/{await db.RuleExceptions.Where(e => e.Id == subject.Id).Select(e => e.WorkflowId).SingleOrDefaultAsync(cancellationToken)}#exceptions",
        _ => await db.Pauses.Where(p => p.Id == subject.Id).Select(p => p.WorkflowId != null ? "/workflows/" + p.WorkflowId : "/tools/" + p.ToolId)
            .SingleOrDefaultAsync(cancellationToken) ?? "/",
    };
}

/// <summary>The expiry notices (<see cref="EvidenceExpiryCheck"/>) as a job: hourly, on one instance.</summary>
public sealed class EvidenceExpiryJob(EvidenceExpiryCheck check) : IScheduledJob
{
    public string Name => "evidence-expiry";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        $"{await check.RunAsync(cancellationToken)} evidence expiry notice(s) sent.";
}

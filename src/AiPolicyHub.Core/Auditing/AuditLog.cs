using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

public sealed record AuditQuery(string? EntityType = null, string? User = null, DateOnly? From = null, DateOnly? To = null,
    int Skip = 0, int Take = 50);

/// <summary>Reading the audit trail: compliance officers and administrators only, checked on every call.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, AuditCheckpoints checkpoints)
{
    public const string NotAllowed = "Only compliance officers and administrators can read the audit trail.";

    public async Task<Result<Page<AuditEntry>>> SearchAsync(ClaimsPrincipal principal, AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<Page<AuditEntry>>.Failure(NotAllowed);
        }
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            entries = entries.Where(LikePattern.AnyContains<AuditEntry>(db.Database, [query.User.Trim()], e => e.UserName));
        }
        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At < end);
        }
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .ToListAsync(cancellationToken);
        return Result.Success(new Page<AuditEntry>(items, total));
    }

    public async Task<Result<AuditVerification>> VerifyAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<AuditVerification>.Failure(NotAllowed);
        }
        return Result.Success(await audit.VerifyAsync(db, await checkpoints.ReadExportedAsync(cancellationToken), cancellationToken));
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// A search of the audit trail. <paramref name="From"/> and <paramref name="To"/> are whole days in <paramref name="Zone"/>
/// (the reader's time zone; UTC when not given), both included.
/// </summary>
public sealed record AuditQuery(string? EntityType = null, string? User = null, DateOnly? From = null, DateOnly? To = null,
    int Skip = 0, int Take = 50, TimeZoneInfo? Zone = null);

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
            var start = StartOfDay(from, query.Zone);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), query.Zone);
            entries = entries.Where(e => e.At < end);
        }
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .ToListAsync(cancellationToken);
        return Result.Success(new Page<AuditEntry>(items, total));
    }

    /// <summary>The UTC instant a day begins in <paramref name="zone"/>.</summary>
    private static DateTime StartOfDay(DateOnly day, TimeZoneInfo? zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        zone ??= TimeZoneInfo.Utc;
        // Where the clocks jump at midnight the day begins at the first time that exists.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
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

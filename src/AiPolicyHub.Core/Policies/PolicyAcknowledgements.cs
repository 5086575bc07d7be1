using System.Globalization;
using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Policies;

/// <summary>
/// Where the reader stands with the current version: <paramref name="LastAcknowledged"/> is the newest version they
/// acknowledged (null if none), <paramref name="Since"/> the versions published after it, newest first (what changed).
/// </summary>
public sealed record AcknowledgementStatus(PolicyVersionInfo Current, int? LastAcknowledged, DateTime? AcknowledgedAt, IReadOnlyList<PolicyVersionInfo> Since)
{
    public bool HasAcknowledgedCurrent => LastAcknowledged == Current.Number;
}

/// <summary>How many of the people who should acknowledge the current version have done so.</summary>
public sealed record AcknowledgementRate(int VersionNumber, int Acknowledged, int People)
{
    /// <summary>0 to 100, rounded down (so 99.6 % never shows as 100 %).</summary>
    public int Percent => People == 0 ? 100 : (int)Math.Floor(Acknowledged * 100.0 / People);
}

public sealed record DepartmentAcknowledgement(string Department, int Acknowledged, int People)
{
    public int Percent => People == 0 ? 100 : (int)Math.Floor(Acknowledged * 100.0 / People);
}

/// <summary>Someone who has not acknowledged the current version yet.</summary>
public sealed record OutstandingAcknowledgement(string UserId, string Name, string Email, string Department, int? LastAcknowledged);

public sealed record AcknowledgementOverview(PolicyVersionInfo Current, AcknowledgementRate Rate, IReadOnlyList<DepartmentAcknowledgement> ByDepartment,
    IReadOnlyList<OutstandingAcknowledgement> Outstanding);

/// <summary>
/// Staff acknowledge the published policy; the record (who, which version, when), also written to the audit trail, is the
/// organisation's evidence of AI-literacy measures (EU AI Act Art. 4). Everyone with an enabled account is asked to
/// acknowledge; compliance officers and administrators see the rates by department and who has not acknowledged.
/// </summary>
public sealed class PolicyAcknowledgements(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "PolicyAcknowledgement";
    public const string NoDepartment = "No department";
    public const string NotAllowed = "Only compliance officers and administrators can see who has acknowledged the policy.";

    /// <summary>Null when no version is published (or the reader is signed out).</summary>
    public async Task<AcknowledgementStatus?> StatusAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return null;
        }
        var versions = await db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new PolicyVersionInfo(v.Number, v.PublishedAt, v.ApprovedByName, v.ChangeSummary, v.ContentHash))
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }
        var last = await db.PolicyAcknowledgements.AsNoTracking().Where(a => a.UserId == actor.UserId)
            .OrderByDescending(a => a.VersionNumber).FirstOrDefaultAsync(cancellationToken);
        return new AcknowledgementStatus(versions[0], last?.VersionNumber, last?.AcknowledgedAt,
            [.. versions.Where(v => v.Number > (last?.VersionNumber ?? 0))]);
    }

    /// <summary>Records that the reader read and acknowledges <paramref name="number"/>, which must be the current version.</summary>
    public async Task<Result> AcknowledgeAsync(ClaimsPrincipal principal, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result.Failure("Sign in to acknowledge the policy.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await db.PolicyVersions.MaxAsync(v => (int?)v.Number, cancellationToken);
        if (current is null)
        {
            return Result.Failure("No version of the policy is published yet.");
        }
        if (number != current)
        {
            return Result.Failure($"Version {current} has been published since you opened the page: read it, then acknowledge it.");
        }
        if (await db.PolicyAcknowledgements.AnyAsync(a => a.UserId == actor.UserId && a.VersionNumber == number, cancellationToken))
        {
            return Result.Success();
        }
        var now = clock.GetUtcNow();
        db.PolicyAcknowledgements.Add(new PolicyAcknowledgement
        {
            UserId = actor.UserId,
            VersionNumber = number,
            AcknowledgedAt = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
        });
        var version = number.ToString(CultureInfo.InvariantCulture);
        await audit.AppendAsync(db, actor, EntityType, $"{version}:{actor.UserId}", $"{actor.Name} — policy version {version}", AuditAction.Created,
            [new FieldChange("Acknowledged version", null, version), new FieldChange("Acknowledged by", null, actor.Name)], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person acknowledged in another tab a moment earlier: it is recorded once, which is what they wanted.
            return Result.Success();
        }
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>Rates by department and who has not acknowledged the current version (compliance and administrators only).</summary>
    public async Task<Result<AcknowledgementOverview?>> OverviewAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<AcknowledgementOverview?>.Failure(NotAllowed);
        }
        var current = await db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new PolicyVersionInfo(v.Number, v.PublishedAt, v.ApprovedByName, v.ChangeSummary, v.ContentHash))
            .FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return Result.Success<AcknowledgementOverview?>(null);
        }
        var people = await PeopleAsync(db, current.Number, cancellationToken);
        var byDepartment = people.GroupBy(p => p.Department)
            .Select(g => new DepartmentAcknowledgement(g.Key, g.Count(p => p.LastAcknowledged == current.Number), g.Count()))
            .OrderBy(d => d.Department == NoDepartment ? 1 : 0).ThenBy(d => d.Department, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var outstanding = people.Where(p => p.LastAcknowledged != current.Number)
            .OrderBy(p => p.Department, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return Result.Success<AcknowledgementOverview?>(new AcknowledgementOverview(current,
            new AcknowledgementRate(current.Number, people.Count - outstanding.Count, people.Count), byDepartment, outstanding));
    }

    /// <summary>The current version's rate over enabled accounts, or null while no version is published (for the dashboard and the register).</summary>
    public static async Task<AcknowledgementRate?> RateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var current = await db.PolicyVersions.MaxAsync(v => (int?)v.Number, cancellationToken);
        if (current is not { } number)
        {
            return null;
        }
        var people = await db.Users.CountAsync(u => !u.IsDisabled, cancellationToken);
        var acknowledged = await (from a in db.PolicyAcknowledgements
                                  join u in db.Users on a.UserId equals u.Id
                                  where a.VersionNumber == number && !u.IsDisabled
                                  select a.UserId).CountAsync(cancellationToken);
        return new AcknowledgementRate(number, acknowledged, people);
    }

    /// <summary>The current version's rate by department (the register prints it).</summary>
    public static async Task<IReadOnlyList<DepartmentAcknowledgement>> ByDepartmentAsync(AppDbContext db, int number, CancellationToken cancellationToken = default) =>
        [.. (await PeopleAsync(db, number, cancellationToken)).GroupBy(p => p.Department)
            .Select(g => new DepartmentAcknowledgement(g.Key, g.Count(p => p.LastAcknowledged == number), g.Count()))
            .OrderBy(d => d.Department == NoDepartment ? 1 : 0).ThenBy(d => d.Department, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>Every enabled account with its department and the newest version it acknowledged.</summary>
    private static async Task<List<OutstandingAcknowledgement>> PeopleAsync(AppDbContext db, int current, CancellationToken cancellationToken)
    {
        var users = await (from u in db.Users.AsNoTracking()
                           where !u.IsDisabled
                           join d in db.Departments on u.DepartmentId equals d.Id into departments
                           from d in departments.DefaultIfEmpty()
                           select new { u.Id, u.DisplayName, u.Email, Department = d != null ? d.Name : null })
            .ToListAsync(cancellationToken);
        var last = await db.PolicyAcknowledgements.AsNoTracking().Where(a => a.VersionNumber <= current)
            .GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, Last = g.Max(a => a.VersionNumber) })
            .ToDictionaryAsync(x => x.UserId, x => x.Last, cancellationToken);
        return [.. users.Select(u => new OutstandingAcknowledgement(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName,
            u.Email ?? "", u.Department ?? NoDepartment, last.TryGetValue(u.Id, out var v) ? v : null))];
    }
}

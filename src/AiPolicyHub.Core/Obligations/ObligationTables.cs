using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Obligations;

/// <summary>The table in use: its number, whether it is the one shipped with the app, and who uploaded it when.</summary>
public sealed record CurrentObligationTable(int Number, ObligationTable Table, bool IsBuiltIn, string? UploadedBy, DateTime? UploadedAt)
{
    /// <summary>Which table the obligations come from, as the panels say it: "the obligations table, version 2 (title, 4 December 2026)".</summary>
    public string Citation => $"the obligations table, version {Number} ({Table.Title}, {Table.Edition:d MMMM yyyy})";
}

public sealed record ObligationTableVersionView(int Number, string Title, DateOnly Edition, bool IsBuiltIn, string? UploadedBy, DateTime? UploadedAt, bool InUse);

/// <summary>
/// The versions of the obligations table. The app ships version <see cref="BuiltInNumber"/>; an administrator uploads a newer
/// one without a release (validated, audited, kept whole), and the newest upload is the one in use. Earlier versions stay.
/// </summary>
public sealed class ObligationTables(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const int BuiltInNumber = 1;
    public const string EntityType = "ObligationTable";
    public const string NotAllowed = "Only an administrator can upload an obligations table.";

    public async Task<CurrentObligationTable> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CurrentAsync(db, cancellationToken);
    }

    public static async Task<CurrentObligationTable> CurrentAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var newest = await db.ObligationTableVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        // A stored version was valid when it was uploaded; should a later release read it differently, the shipped one is safer than none.
        if (newest is not null && ObligationTable.Parse(newest.Json).Value is { } table)
        {
            return new CurrentObligationTable(newest.Number, table, false, newest.UploadedByName, newest.UploadedAt);
        }
        return new CurrentObligationTable(BuiltInNumber, ObligationTable.BuiltIn, true, null, null);
    }

    public async Task<IReadOnlyList<ObligationTableVersionView>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ObligationTableVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Title, v.Edition, v.UploadedByName, v.UploadedAt }).ToListAsync(cancellationToken);
        var builtIn = ObligationTable.BuiltIn;
        return [
            .. stored.Select((v, i) => new ObligationTableVersionView(v.Number, v.Title, v.Edition, false, v.UploadedByName, v.UploadedAt, i == 0)),
            new ObligationTableVersionView(BuiltInNumber, builtIn.Title, builtIn.Edition, true, null, null, stored.Count == 0),
        ];
    }

    /// <summary>The JSON of a version as it was uploaded (or shipped), to download and edit; null when there is no such version.</summary>
    public async Task<string?> JsonOfAsync(int number, CancellationToken cancellationToken = default)
    {
        if (number == BuiltInNumber)
        {
            return ObligationTable.BuiltInJson;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ObligationTableVersions.AsNoTracking().Where(v => v.Number == number).Select(v => v.Json).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="json"/> as the next version, once it validates; returns its number, or every problem found.</summary>
    public async Task<Result<int>> UploadAsync(ClaimsPrincipal principal, string json, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result<int>.Failure(NotAllowed);
        }
        var parsed = ObligationTable.Parse(json);
        if (parsed.Value is not { } table)
        {
            return Result<int>.Failure([.. parsed.Errors]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taken before the number is read, so two uploads at once number themselves one after the other.
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        var before = await CurrentAsync(db, cancellationToken);
        var number = Math.Max(BuiltInNumber, await db.ObligationTableVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        db.ObligationTableVersions.Add(new ObligationTableVersion
        {
            Number = number,
            Title = table.Title,
            Edition = table.Edition,
            Json = json,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
            UploadedAt = audit.Clock.GetUtcNow().UtcDateTime,
        });
        await audit.AppendAsync(db, actor, EntityType, number.ToString(), $"Obligations table version {number}", AuditAction.Created,
            AuditTrail.Diff(Describe(before.Number, before.Table), Describe(number, table)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success(number);
    }

    private static Dictionary<string, string> Describe(int number, ObligationTable table) => new()
    {
        ["Version"] = number.ToString(),
        ["Title"] = table.Title,
        ["Edition"] = table.Edition.ToString("yyyy-MM-dd"),
        ["Obligations"] = string.Join("; ", table.Obligations.Select(o => $"{o.Code} from {o.AppliesFrom:yyyy-MM-dd}")),
    };
}

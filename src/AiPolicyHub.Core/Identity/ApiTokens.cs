using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Identity;

public enum ApiTokenState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>A token as its owner (or an administrator) sees it in the list: never the secret.</summary>
public sealed record ApiTokenView(int Id, string Name, string Hint, string OwnerId, string OwnerName, DateTime CreatedAt, DateTime ExpiresAt,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy, ApiTokenState State);

/// <summary>A token just created: <see cref="Secret"/> is shown to its owner this once and stored nowhere.</summary>
public sealed record CreatedApiToken(ApiTokenView Token, string Secret);

/// <summary>Who a presented token acts for.</summary>
public sealed record ApiTokenUse(string UserId, int TokenId);

/// <summary>
/// Personal API tokens: created by a signed-in user for themselves, listed with their last use, revoked by their owner or an
/// administrator. Creation and revocation are recorded in the audit trail. A token is a random 256-bit secret behind a
/// recognisable prefix; only its SHA-256 hash is stored, so a copy of the database lets nobody call the API.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "ApiToken";
    public const string Prefix = "aiph_";
    public const int DefaultDays = 90;
    public const int MaximumDays = 365;
    public const int MaximumActivePerUser = 25;
    public const int NameMaxLength = 100;

    /// <summary>The expiry choices the profile page offers, in days.</summary>
    public static readonly IReadOnlyList<int> ExpiryChoices = [7, 30, DefaultDays, 180, MaximumDays];

    /// <summary>The last use is written at most once per this interval, so a busy script does not write on every call.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private const int SecretBytes = 32;
    private static readonly int TokenLength = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>The acting user's own tokens, newest first; with <paramref name="everyone"/>, an administrator gets every user's.</summary>
    public async Task<Result<IReadOnlyList<ApiTokenView>>> ListAsync(ClaimsPrincipal principal, bool everyone = false,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return Result<IReadOnlyList<ApiTokenView>>.Failure("Sign in to manage API tokens.");
        }
        if (everyone && !actor.Roles.Contains(Roles.Administrator))
        {
            return Result<IReadOnlyList<ApiTokenView>>.Failure("Only an administrator can see other users' API tokens.");
        }
        var tokens = db.ApiTokens.AsNoTracking();
        if (!everyone)
        {
            tokens = tokens.Where(t => t.UserId == actor.UserId);
        }
        var rows = await (from t in tokens
                          join u in db.Users on t.UserId equals u.Id
                          select new { Token = t, u.DisplayName }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        IReadOnlyList<ApiTokenView> views = rows.Select(r => View(r.Token, r.DisplayName, now))
            .OrderBy(v => v.State).ThenByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).ToList();
        return Result.Success(views);
    }

    /// <summary>A new token for the acting user, valid for <paramref name="expiresInDays"/> days (1 to <see cref="MaximumDays"/>).</summary>
    public async Task<Result<CreatedApiToken>> CreateAsync(ClaimsPrincipal principal, string name, int expiresInDays,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return Result<CreatedApiToken>.Failure("Sign in to create an API token.");
        }
        name = name.Trim();
        var errors = new List<string>();
        if (name.Length is 0 or > NameMaxLength)
        {
            errors.Add($"Name the token in 1 to {NameMaxLength} characters, e.g. after the script that will use it.");
        }
        if (expiresInDays is < 1 or > MaximumDays)
        {
            errors.Add($"A token lasts 1 to {MaximumDays} days; create a new one when it runs out.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.ApiTokens.Where(t => t.UserId == actor.UserId && t.RevokedAt == null && t.ExpiresAt > now).CountAsync(cancellationToken);
        if (active >= MaximumActivePerUser)
        {
            errors.Add($"You have {active} active tokens, the most allowed; revoke one you no longer use first.");
        }
        if (errors.Count > 0)
        {
            return Result<CreatedApiToken>.Failure([.. errors]);
        }

        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var token = db.ApiTokens.Add(new ApiToken
        {
            UserId = actor.UserId,
            Name = name,
            SecretHash = HashOf(secret),
            Hint = secret[..(Prefix.Length + 4)] + "…",
            CreatedAt = now,
            ExpiresAt = now.AddDays(expiresInDays),
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, token.Id.ToString(CultureInfo.InvariantCulture), token.Name, AuditAction.Created,
        [
            new FieldChange("Name", null, token.Name),
            new FieldChange("Owner", null, actor.Name),
            new FieldChange("Token", null, token.Hint),
            new FieldChange("Expires", null, Format(token.ExpiresAt)),
        ], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success(new CreatedApiToken(View(token, actor.Name, now), secret));
    }

    /// <summary>Revokes a token at once: its owner may revoke it, and so may an administrator.</summary>
    public async Task<Result> RevokeAsync(ClaimsPrincipal principal, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return Result.Failure("Sign in to revoke an API token.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || (token.UserId != actor.UserId && !actor.Roles.Contains(Roles.Administrator)))
        {
            // Someone else's token is, to anyone but an administrator, a token that does not exist.
            return Result.Failure("There is no such API token.");
        }
        if (token.RevokedAt is not null)
        {
            return Result.Success();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        token.RevokedAt = now;
        token.RevokedByName = actor.Name;
        await audit.AppendAsync(db, actor, EntityType, token.Id.ToString(CultureInfo.InvariantCulture), token.Name, AuditAction.Changed,
            [new FieldChange("Status", now < token.ExpiresAt ? "Active" : "Expired", "Revoked")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// The user a presented token acts for, or why it is refused: unknown, revoked, expired, or its owner's account disabled
    /// or locked. Records the use (to the minute).
    /// </summary>
    public async Task<Result<ApiTokenUse>> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (presented.Length != TokenLength || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Result<ApiTokenUse>.Failure("This is not an AiPolicyHub API token.");
        }
        var hash = HashOf(presented);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           where t.SecretHash == hash
                           select new { Token = t, u.IsDisabled, u.LockoutEnabled, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var refusal = found switch
        {
            null => "The API token is not known.",
            { Token.RevokedAt: not null } => "The API token was revoked.",
            _ when now.UtcDateTime >= found.Token.ExpiresAt => "The API token has expired.",
            { IsDisabled: true } => "The account of the token's owner is disabled.",
            { LockoutEnabled: true } when found.LockoutEnd > now => "The account of the token's owner is locked.",
            _ => null,
        };
        if (refusal is not null)
        {
            return Result<ApiTokenUse>.Failure(refusal);
        }
        var token = found!.Token;
        var utcNow = now.UtcDateTime;
        if (token.LastUsedAt is not { } last || utcNow - last >= LastUseResolution)
        {
            var stale = utcNow - LastUseResolution;
            await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, utcNow), cancellationToken);
        }
        return Result.Success(new ApiTokenUse(token.UserId, token.Id));
    }

    private static ApiTokenView View(ApiToken t, string ownerName, DateTime now) => new(t.Id, t.Name, t.Hint, t.UserId, ownerName,
        t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedByName,
        t.RevokedAt is not null ? ApiTokenState.Revoked : now >= t.ExpiresAt ? ApiTokenState.Expired : ApiTokenState.Active);

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using AiPolicyHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Identity;

/// <summary>
/// The browser sessions that are open, one row each on the server (an Identity user token: user, <see cref="Provider"/>, the
/// session's id; its value the last time the session was renewed). A session cookie counts only while its row exists, so
/// signing out, "sign out everywhere" and an administrator ending someone's sessions take effect at the next request — a cookie
/// captured before is worth nothing afterwards. Every instance reads the same rows.
/// </summary>
public sealed class UserSessions(IDbContextFactory<AppDbContext> databases, TimeProvider clock)
{
    public const string Provider = "AiPolicyHub.Session";

    /// <summary>Opens a session for <paramref name="userId"/>; forgets the user's sessions idle for longer than <paramref name="idleTimeout"/>.</summary>
    public async Task<string> StartAsync(string userId, TimeSpan idleTimeout, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var open = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ToListAsync(cancellationToken);
        db.UserTokens.RemoveRange(open.Where(t => !DateTimeOffset.TryParse(t.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var seen)
            || now - seen > idleTimeout));
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = Provider, Name = id, Value = Stamp(now) });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    public async Task<bool> IsOpenAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.UserTokens.AnyAsync(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId, cancellationToken);
    }

    /// <summary>Notes that the session was renewed (its cookie re-issued), so it is not taken for an idle one.</summary>
    public async Task RenewAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stamp = Stamp(clock.GetUtcNow());
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, stamp), cancellationToken);
    }

    public async Task EndAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of <paramref name="userId"/>; returns how many were open.</summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Core.Identity;

/// <summary>
/// One-time passwords (a new user's, a reset's, the first administrator's) stop working <see cref="Lifetime"/> after they were
/// issued. The issue time is kept as an Identity user token (no column of its own); an account without one got its
/// one-time password when it was created.
/// </summary>
public sealed class OneTimePasswords(TimeProvider clock, TimeSpan lifetime)
{
    private const string Provider = "AiPolicyHub";
    private const string IssuedAt = "OneTimePasswordIssuedAt";

    public TimeSpan Lifetime => lifetime;

    public static Task RecordIssueAsync(UserManager<AppUser> users, AppUser user, DateTimeOffset issuedAt) =>
        users.SetAuthenticationTokenAsync(user, Provider, IssuedAt, issuedAt.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>True when the user must still change a one-time password that is older than <see cref="Lifetime"/>.</summary>
    public async Task<bool> HasExpiredAsync(UserManager<AppUser> users, AppUser user)
    {
        if (!user.MustChangePassword)
        {
            return false;
        }
        var recorded = await users.GetAuthenticationTokenAsync(user, Provider, IssuedAt);
        var issued = DateTimeOffset.TryParse(recorded, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : user.CreatedAt;
        return clock.GetUtcNow() - issued > lifetime;
    }
}

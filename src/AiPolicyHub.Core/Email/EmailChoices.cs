using System.ComponentModel;
using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Preferences;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Email;

/// <summary>What a person wants by email of their notifications.</summary>
public enum EmailChoice
{
    [Description("An email for each notification")] Each,
    [Description("One daily digest")] DailyDigest,
    [Description("No emails")] None,
}

/// <summary>
/// Each person's email choice, kept with their other preferences. The default is an email for each notification:
/// notifications here ask for action (a workflow paused, an approval awaiting, a review due) and are few, and the people
/// most in need of them are those not signed in.
/// </summary>
public sealed class EmailChoices(IDbContextFactory<AppDbContext> contexts)
{
    public const string PreferenceKey = "email-notifications";
    public const EmailChoice Default = EmailChoice.Each;

    public async Task<EmailChoice> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return Default;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return Parse(await db.UserPreferences.AsNoTracking().Where(p => p.UserId == userId && p.Key == PreferenceKey)
            .Select(p => p.Value).SingleOrDefaultAsync(cancellationToken));
    }

    public async Task<Result> SetAsync(ClaimsPrincipal principal, EmailChoice choice, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(choice))
        {
            return Result.Failure("Choose one of the email choices.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result.Failure(UserPreferences.SignedOut);
        }
        var stored = await db.UserPreferences.SingleOrDefaultAsync(p => p.UserId == actor.UserId && p.Key == PreferenceKey, cancellationToken);
        if (stored is null)
        {
            db.UserPreferences.Add(new UserPreference { UserId = actor.UserId, Key = PreferenceKey, Value = choice.ToString() });
        }
        else
        {
            stored.Value = choice.ToString();
        }
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>The choice of each of <paramref name="userIds"/> (the default for those who made none).</summary>
    public static async Task<Dictionary<string, EmailChoice>> OfAsync(AppDbContext db, IReadOnlyCollection<string> userIds,
        CancellationToken cancellationToken)
    {
        var stored = await db.UserPreferences.AsNoTracking().Where(p => p.Key == PreferenceKey && userIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Value, cancellationToken);
        return userIds.Distinct().ToDictionary(id => id, id => Parse(stored.GetValueOrDefault(id)));
    }

    private static EmailChoice Parse(string? value) =>
        Enum.TryParse<EmailChoice>(value, out var choice) && Enum.IsDefined(choice) ? choice : Default;
}

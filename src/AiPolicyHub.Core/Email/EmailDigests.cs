using System.Text.Json;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Email;

/// <summary>
/// Once a day, at the administrator's hour (UTC), gathers the notifications waiting for each person's digest into one
/// email. The last digest time is stored, and moved with a conditional UPDATE in the same transaction as the outbox rows,
/// so a day's digest is made once even if two instances try at the same moment.
/// </summary>
public sealed class EmailDigests(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const string MarkerKey = "email-digest-last";

    private sealed record Marker(DateTime Cutoff);

    /// <summary>The latest digest time at or before <paramref name="now"/>.</summary>
    public static DateTime LatestCutoff(DateTime now, int hour)
    {
        var today = DateTime.SpecifyKind(now.Date.AddHours(hour), DateTimeKind.Utc);
        return today <= now ? today : today.AddDays(-1);
    }

    /// <returns>How many digests went into the outbox (0 when none was due).</returns>
    public async Task<int> RunIfDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await EmailSettingsStore.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = LatestCutoff(now, settings.DigestHour);
        var stored = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == MarkerKey, cancellationToken);
        if (stored is not null && JsonSerializer.Deserialize<Marker>(stored.Json) is { } last && last.Cutoff >= cutoff)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var json = JsonSerializer.Serialize(new Marker(cutoff));
        if (stored is null)
        {
            db.Settings.Add(new Risk.StoredSetting { Key = MarkerKey, Json = json });
            await db.SaveChangesAsync(cancellationToken); // a second instance's insert fails on the key
        }
        else if (await db.Settings.Where(s => s.Key == MarkerKey && s.Json == stored.Json)
                     .ExecuteUpdateAsync(s => s.SetProperty(x => x.Json, json), cancellationToken) != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0; // another instance made this digest
        }

        var waiting = await db.Notifications.Where(n => n.Email == NotificationEmail.AwaitingDigest && n.CreatedAt < cutoff)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var userIds = waiting.Select(n => n.UserId).Distinct().ToList();
        var addresses = await Recipients.AddressesAsync(db, userIds, cancellationToken);
        var choices = await EmailChoices.OfAsync(db, userIds, cancellationToken);
        var digests = 0;
        foreach (var mine in waiting.GroupBy(n => n.UserId))
        {
            // Someone who has since chosen no emails (or lost their address) gets none.
            var send = settings.IsConfigured && addresses.TryGetValue(mine.Key, out var address) && choices[mine.Key] != EmailChoice.None;
            foreach (var notification in mine)
            {
                notification.Email = send ? NotificationEmail.Digested : NotificationEmail.NotMailed;
            }
            if (send)
            {
                var (subject, body) = EmailMessages.ForDigest(settings, [.. mine]);
                EmailOutbox.Queue(db, now, addresses[mine.Key], subject, body);
                digests++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return digests;
    }
}

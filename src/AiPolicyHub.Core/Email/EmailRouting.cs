using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Email;

/// <summary>What one routing run did.</summary>
public sealed record RoutingOutcome(int Looked, int Queued, int ForDigest);

/// <summary>
/// Turns notifications not yet looked at into emails: an outbox row for people who want each one, a mark for the digest
/// for those who want a digest, nothing for the others (or while email is not set up).
/// <para>
/// Why a job rather than queueing inside <see cref="NotificationCenter.Add"/>: Add is a synchronous helper called from a
/// dozen use cases inside their own transactions, and deciding about an email needs the person's choice, address and the
/// SMTP settings — queries those use cases should not pay for, nor fail on. The notification row itself is the durable
/// record that an email is owed (<see cref="NotificationEmail.Pending"/>, written in the use case's transaction), and the
/// job settles each one exactly once: it marks the notifications and writes their outbox rows in one transaction, after
/// a conditional UPDATE (only rows still pending) that only one instance can win.
/// </para>
/// </summary>
public sealed class EmailRouting(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int BatchSize = 500;

    public async Task<RoutingOutcome> RouteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.Notifications.Where(n => n.Email == NotificationEmail.Pending)
            .OrderBy(n => n.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return new RoutingOutcome(0, 0, 0);
        }
        var settings = await EmailSettingsStore.LoadAsync(db, cancellationToken);
        var userIds = pending.Select(n => n.UserId).Distinct().ToList();
        var addresses = await Recipients.AddressesAsync(db, userIds, cancellationToken);
        var choices = await EmailChoices.OfAsync(db, userIds, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = pending.Select(n => n.Id).ToList();
        var claimed = await db.Notifications.Where(n => ids.Contains(n.Id) && n.Email == NotificationEmail.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Email, NotificationEmail.NotMailed), cancellationToken);
        if (claimed != ids.Count)
        {
            // Another instance routed some of them meanwhile: leave this batch to it (the next run takes what is left).
            await transaction.RollbackAsync(cancellationToken);
            return new RoutingOutcome(0, 0, 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        int queued = 0, forDigest = 0;
        foreach (var notification in pending)
        {
            var address = addresses.GetValueOrDefault(notification.UserId);
            var choice = choices[notification.UserId];
            if (!settings.IsConfigured || address is null || choice == EmailChoice.None)
            {
                notification.Email = NotificationEmail.NotMailed;
            }
            else if (choice == EmailChoice.DailyDigest)
            {
                notification.Email = NotificationEmail.AwaitingDigest;
                forDigest++;
            }
            else
            {
                notification.Email = NotificationEmail.Queued;
                var (subject, body) = EmailMessages.ForNotification(settings, notification);
                EmailOutbox.Queue(db, now, address, subject, body);
                queued++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RoutingOutcome(pending.Count, queued, forDigest);
    }
}

/// <summary>Where each person's email goes: enabled accounts with a valid address only.</summary>
internal static class Recipients
{
    public static async Task<Dictionary<string, string>> AddressesAsync(AppDbContext db, IReadOnlyCollection<string> userIds,
        CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.IsDisabled)
            .Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        return users.Where(u => u.Email is { Length: > 0 } email && EmailSettingsForm.IsAddress(email))
            .ToDictionary(u => u.Id, u => u.Email!);
    }
}

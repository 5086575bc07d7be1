using System.Globalization;
using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Webhooks;

/// <summary>
/// The webhook job (on one instance at a time, like every scheduled job): turns the audit entries written since its last run
/// into deliveries, one per event and subscription, queued in the database in one transaction with the cursor that says
/// how far it read; then sends the deliveries that are due, each claimed first by a single conditional update so that two
/// instances (or a "send a test event" click and the job) never both send it. A delivery that fails is tried again after
/// the next of <see cref="WebhookOptions.RetryDelays"/>, and marked failed when they run out.
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<AppDbContext> contexts, WebhookSender sender, WebhookOptions options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : IScheduledJob
{
    /// <summary>Audit entries read per transaction.</summary>
    private const int EntriesPerBatch = 500;

    /// <summary>How long finished deliveries are kept in the log.</summary>
    public static readonly TimeSpan LogRetention = TimeSpan.FromDays(30);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "webhooks";

    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var queued = await QueueEventsAsync(cancellationToken);
        var (delivered, failed, retrying) = await DeliverDueAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = Now() - LogRetention;
        await db.WebhookDeliveries.Where(d => d.State != WebhookDeliveryState.Pending && d.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        return $"{queued} deliveries queued; {delivered} delivered, {retrying} to retry, {failed} failed.";
    }

    /// <summary>Queues the events of the audit entries written since the last call; returns how many deliveries it queued.</summary>
    public async Task<int> QueueEventsAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var (queued, more) = await QueueBatchAsync(cancellationToken);
            total += queued;
            if (!more)
            {
                return total;
            }
        }
    }

    private async Task<(int Queued, bool More)> QueueBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cursor = await db.WebhookCursors.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
        if (cursor is null || subscriptions.Count == 0)
        {
            // Nobody listens: what happens now is nobody's event, later subscriptions start from here.
            var end = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            await MoveCursorAsync(db, cursor, end, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (0, false);
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > cursor.LastAuditEntryId).OrderBy(e => e.Id)
            .Take(EntriesPerBatch).ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return (0, false);
        }
        var now = Now();
        var queued = 0;
        foreach (var entry in entries)
        {
            foreach (var @event in WebhookEventMapping.EventsOf(entry))
            {
                var eventId = NewEventId();
                var body = Body(eventId, @event, entry.At);
                foreach (var subscription in subscriptions.Where(s => entry.Id > s.StartsAfterAuditEntryId && s.EventTypes.Contains(@event.Type)))
                {
                    db.WebhookDeliveries.Add(NewDelivery(subscription.Id, eventId, @event, body, now, entry.Id));
                    queued++;
                }
            }
        }
        if (!await MoveCursorAsync(db, cursor, entries[^1].Id, cancellationToken))
        {
            return (0, false); // another run moved it first: it queued these
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (queued, entries.Count == EntriesPerBatch);
    }

    /// <summary>Moves the cursor from where <paramref name="cursor"/> saw it; false when someone moved it meanwhile.</summary>
    private static async Task<bool> MoveCursorAsync(AppDbContext db, WebhookCursor? cursor, long to, CancellationToken cancellationToken)
    {
        if (cursor is null)
        {
            db.WebhookCursors.Add(new WebhookCursor { LastAuditEntryId = to });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        var from = cursor.LastAuditEntryId;
        return from == to || await db.WebhookCursors.Where(c => c.Id == WebhookCursor.SingletonId && c.LastAuditEntryId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastAuditEntryId, to), cancellationToken) == 1;
    }

    /// <summary>
    /// Makes sure the cursor exists before a subscription is added, and returns the number of the newest audit entry:
    /// the new subscription's events start after it. Runs in the caller's transaction.
    /// </summary>
    internal static async Task<long> StartAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var end = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        if (!await db.WebhookCursors.AnyAsync(cancellationToken))
        {
            db.WebhookCursors.Add(new WebhookCursor { LastAuditEntryId = end });
        }
        return end;
    }

    internal static WebhookDelivery NewDelivery(int subscriptionId, string eventId, WebhookEvent @event, string body, DateTime now, long? auditEntryId) => new()
    {
        SubscriptionId = subscriptionId,
        EventId = eventId,
        EventType = @event.Type,
        SubjectName = Clamp(@event.SubjectName, WebhookSubscription.DescriptionLength),
        Body = body,
        AuditEntryId = auditEntryId,
        CreatedAt = now,
        NextAttemptAt = now,
        State = WebhookDeliveryState.Pending,
    };

    internal static string NewEventId() => "evt_" + Guid.NewGuid().ToString("N");

    /// <summary>The JSON a receiver gets: the event, when it happened, and what it happened to (with a link), no more.</summary>
    internal string Body(string eventId, WebhookEvent @event, DateTime occurredAt) => JsonSerializer.Serialize(new
    {
        id = eventId,
        type = @event.Type,
        occurredAt = DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        subject = new
        {
            type = @event.SubjectType,
            id = @event.SubjectId,
            name = @event.SubjectName,
            link = options.LinkBaseUrl is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + @event.Link : @event.Link,
        },
        data = @event.Data,
    }, Json);

    /// <summary>Sends every due delivery of an enabled subscription, up to <see cref="WebhookOptions.BatchSize"/>.</summary>
    public async Task<(int Delivered, int Failed, int Retrying)> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await (from d in db.WebhookDeliveries
                         join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
                         where s.Enabled && d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now
                               && (d.ClaimedUntil == null || d.ClaimedUntil < now)
                         orderby d.NextAttemptAt, d.Id
                         select d.Id).Take(Math.Max(1, options.BatchSize)).ToListAsync(cancellationToken);
        }
        var (delivered, failed, retrying) = (0, 0, 0);
        foreach (var id in due)
        {
            switch ((await DeliverAsync(id, cancellationToken))?.State)
            {
                case WebhookDeliveryState.Delivered: delivered++; break;
                case WebhookDeliveryState.Failed: failed++; break;
                case WebhookDeliveryState.Pending: retrying++; break;
            }
        }
        return (delivered, failed, retrying);
    }

    /// <summary>
    /// Claims one due delivery and makes one attempt; null when it is not due or someone else holds it. The claim is a
    /// single conditional UPDATE, so of two callers exactly one sends.
    /// </summary>
    public async Task<WebhookDelivery?> DeliverAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        var holder = $"{JobScheduler.InstanceName}:{Guid.NewGuid().ToString("N")[..8]}";
        var now = Now();
        var claimedUntil = now + options.Timeout + options.Timeout + TimeSpan.FromSeconds(30);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now
                        && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimedBy, holder).SetProperty(d => d.ClaimedUntil, claimedUntil), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        var subscription = delivery is null ? null
            : await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (delivery is null || subscription is null)
        {
            return null; // deleted with its subscription a moment ago
        }

        var sentAt = clock.GetUtcNow();
        var result = await sender.SendAsync(subscription.Url, delivery.EventType, delivery.EventId, delivery.Body,
            WebhookSignature.Sign(subscription.Secret, sentAt, delivery.Body), cancellationToken);

        var after = Now();
        delivery.Attempts++;
        delivery.LastAttemptAt = Truncate(sentAt);
        delivery.LastStatusCode = result.StatusCode;
        delivery.ClaimedBy = null;
        delivery.ClaimedUntil = null;
        if (result.Delivered)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.LastError = null;
        }
        else if (result.Retry && delivery.Attempts < options.MaxAttempts)
        {
            delivery.NextAttemptAt = after + options.Delays[delivery.Attempts - 1];
            delivery.LastError = result.Error ?? $"HTTP {result.StatusCode}; tried again later.";
        }
        else
        {
            delivery.State = WebhookDeliveryState.Failed;
            delivery.LastError = Clamp(result.Error is { } error && !result.Retry ? error
                : $"{result.Error ?? $"HTTP {result.StatusCode}."} Given up after {delivery.Attempts} attempts.", WebhookDelivery.ErrorLength);
        }
        delivery.LastError = delivery.LastError is null ? null : Clamp(delivery.LastError, WebhookDelivery.ErrorLength);
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            Number = delivery.Attempts,
            At = Truncate(sentAt),
            StatusCode = result.StatusCode,
            Error = result.Error is null ? null : Clamp(result.Error, WebhookDelivery.ErrorLength),
            DurationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        if (!result.Delivered)
        {
            logger.LogWarning("Webhook delivery {Delivery} ({Event}) to subscription {Subscription} failed on attempt {Attempt}: {Error}",
                delivery.Id, delivery.EventType, subscription.Id, delivery.Attempts, delivery.LastError);
        }
        return delivery;
    }

    private DateTime Now() => Truncate(clock.GetUtcNow());

    private static DateTime Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static string Clamp(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

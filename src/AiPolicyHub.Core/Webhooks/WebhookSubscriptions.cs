using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Webhooks;

/// <summary>What an administrator fills in to subscribe a URL.</summary>
public sealed class WebhookSubscriptionForm
{
    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    public HashSet<string> Events { get; set; } = [];
    public bool Enabled { get; set; } = true;
}

/// <summary>A subscription as the admin page lists it: never its secret.</summary>
public sealed record WebhookSubscriptionView(int Id, string Url, string Description, IReadOnlyList<string> Events, bool Enabled,
    DateTime CreatedAt, string CreatedBy, DateTime? SecretRotatedAt, int Pending, int Failed);

/// <summary>A subscription just created (or its secret just rotated): <see cref="Secret"/> is shown this once.</summary>
public sealed record WebhookSecret(WebhookSubscriptionView Subscription, string Secret);

public sealed record WebhookAttemptView(int Number, DateTime At, int? StatusCode, string? Error, int DurationMs);

/// <summary>One line of a subscription's delivery log.</summary>
public sealed record WebhookDeliveryView(long Id, string EventId, string EventType, string SubjectName, DateTime CreatedAt,
    WebhookDeliveryState State, int Attempts, DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime? NextAttemptAt,
    IReadOnlyList<WebhookAttemptView> AttemptLog);

/// <summary>
/// Webhook subscriptions, for administrators only (checked on every call): subscribe a URL to events, rotate its signing
/// secret, switch it off or on, delete it, read its delivery log and send it a test event. Every change is audited; the
/// secret never goes into the audit trail.
/// </summary>
public sealed class WebhookSubscriptions(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, WebhookAddressPolicy policy,
    WebhookDispatcher dispatcher, TimeProvider clock)
{
    public const string EntityType = "WebhookSubscription";
    public const string NotAllowed = "Only an administrator can manage webhooks.";
    public const string SecretPrefix = "whsec_";
    public const int MaximumSubscriptions = 50;

    public async Task<Result<IReadOnlyList<WebhookSubscriptionView>>> ListAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdministratorAsync(db, principal, cancellationToken))
        {
            return Result<IReadOnlyList<WebhookSubscriptionView>>.Failure(NotAllowed);
        }
        var rows = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new
            {
                Subscription = s,
                Pending = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Pending),
                Failed = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Failed),
            }).ToListAsync(cancellationToken);
        return Result.Success<IReadOnlyList<WebhookSubscriptionView>>([.. rows.Select(r => View(r.Subscription, r.Pending, r.Failed))]);
    }

    public async Task<Result<WebhookSecret>> CreateAsync(ClaimsPrincipal principal, WebhookSubscriptionForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await AdministratorAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return Result<WebhookSecret>.Failure(NotAllowed);
        }
        var url = form.Url.Trim();
        var description = form.Description.Trim();
        var errors = new List<string>();
        if (url.Length > WebhookSubscription.UrlLength)
        {
            errors.Add($"Keep the address to {WebhookSubscription.UrlLength} characters.");
        }
        else if (await policy.CheckAsync(url, cancellationToken) is { } refusal)
        {
            errors.Add(refusal);
        }
        if (description.Length > WebhookSubscription.DescriptionLength)
        {
            errors.Add($"Keep the description to {WebhookSubscription.DescriptionLength} characters (now {description.Length}).");
        }
        var events = form.Events.Where(WebhookEventTypes.IsKnown).ToList();
        if (events.Count == 0)
        {
            errors.Add("Choose at least one event to send.");
        }
        if (await db.WebhookSubscriptions.CountAsync(cancellationToken) >= MaximumSubscriptions)
        {
            errors.Add($"There are {MaximumSubscriptions} subscriptions, the most allowed; delete one you no longer use first.");
        }
        if (errors.Count > 0)
        {
            return Result<WebhookSecret>.Failure([.. errors]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var secret = NewSecret();
        var subscription = db.WebhookSubscriptions.Add(new WebhookSubscription
        {
            Url = url,
            Description = description,
            Events = string.Join(",", WebhookEventTypes.All.Select(e => e.Type).Where(events.Contains)),
            Secret = secret,
            Enabled = form.Enabled,
            CreatedAt = Now(),
            CreatedByName = actor.Name,
            StartsAfterAuditEntryId = await WebhookDispatcher.StartAsync(db, cancellationToken),
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, Id(subscription), Label(subscription), AuditAction.Created,
        [
            new FieldChange("Address", null, subscription.Url),
            new FieldChange("Description", null, subscription.Description),
            new FieldChange("Events", null, subscription.Events),
            new FieldChange("Enabled", null, subscription.Enabled ? "Yes" : "No"),
        ], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success(new WebhookSecret(View(subscription, 0, 0), secret));
    }

    /// <summary>A new signing secret; the old one stops working at once (the receiver must be given the new one).</summary>
    public async Task<Result<WebhookSecret>> RotateSecretAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        string? secret = null;
        var result = await ChangeAsync(principal, id, "Secret", s =>
        {
            secret = NewSecret();
            s.Secret = secret;
            s.SecretRotatedAt = Now();
            return ("kept", "rotated");
        }, cancellationToken);
        return result.Succeeded ? Result.Success(new WebhookSecret(result.Value!, secret!)) : Result<WebhookSecret>.Failure([.. result.Errors]);
    }

    /// <summary>Switches a subscription off (no events are queued for it, and its pending deliveries wait) or on again.</summary>
    public async Task<Result> SetEnabledAsync(ClaimsPrincipal principal, int id, bool enabled, CancellationToken cancellationToken = default) =>
        await ChangeAsync(principal, id, "Enabled", s =>
        {
            var before = s.Enabled ? "Yes" : "No";
            s.Enabled = enabled;
            return (before, enabled ? "Yes" : "No");
        }, cancellationToken);

    /// <summary>Deletes a subscription with its delivery log.</summary>
    public async Task<Result> DeleteAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await AdministratorAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return Result.Failure(NotAllowed);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return Result.Failure("That subscription no longer exists.");
        }
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == id).ExecuteDeleteAsync(cancellationToken);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, Id(subscription), Label(subscription), AuditAction.Retired,
            [new FieldChange("Address", subscription.Url, null), new FieldChange("Events", subscription.Events, null)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>The newest deliveries of a subscription, each with its attempts.</summary>
    public async Task<Result<IReadOnlyList<WebhookDeliveryView>>> DeliveriesAsync(ClaimsPrincipal principal, int id, int take = 50,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdministratorAsync(db, principal, cancellationToken))
        {
            return Result<IReadOnlyList<WebhookDeliveryView>>.Failure(NotAllowed);
        }
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog)
            .Where(d => d.SubscriptionId == id).OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        return Result.Success<IReadOnlyList<WebhookDeliveryView>>([.. deliveries.Select(View)]);
    }

    /// <summary>Queues a test event for the subscription and tries it at once; the delivery is returned as the log shows it.</summary>
    public async Task<Result<WebhookDeliveryView>> SendTestAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        WebhookDelivery delivery;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await IsAdministratorAsync(db, principal, cancellationToken))
            {
                return Result<WebhookDeliveryView>.Failure(NotAllowed);
            }
            var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (subscription is null)
            {
                return Result<WebhookDeliveryView>.Failure("That subscription no longer exists.");
            }
            var now = Now();
            var eventId = WebhookDispatcher.NewEventId();
            var @event = new WebhookEvent(WebhookEventTypes.Test, "webhook-subscription", Id(subscription), Label(subscription),
                "/admin/webhooks", new Dictionary<string, string> { ["message"] = "A test event sent from AiPolicyHub's webhook page." });
            delivery = db.WebhookDeliveries.Add(WebhookDispatcher.NewDelivery(subscription.Id, eventId, @event,
                dispatcher.Body(eventId, @event, now), now, null)).Entity;
            await db.SaveChangesAsync(cancellationToken);
        }
        await dispatcher.DeliverAsync(delivery.Id, cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var sent = await read.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog).SingleAsync(d => d.Id == delivery.Id, cancellationToken);
        return Result.Success(View(sent));
    }

    private async Task<Result<WebhookSubscriptionView>> ChangeAsync(ClaimsPrincipal principal, int id, string field,
        Func<WebhookSubscription, (string Before, string After)> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await AdministratorAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return Result<WebhookSubscriptionView>.Failure(NotAllowed);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return Result<WebhookSubscriptionView>.Failure("That subscription no longer exists.");
        }
        var (before, after) = change(subscription);
        if (before == after)
        {
            return Result.Success(View(subscription, 0, 0));
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, Id(subscription), Label(subscription), AuditAction.Changed,
            [new FieldChange(field, before, after)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success(View(subscription, 0, 0));
    }

    private static async Task<Actor?> AdministratorAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await Actor.FindAsync(db, principal, cancellationToken) is { } actor && actor.Roles.Contains(Roles.Administrator) ? actor : null;

    private static async Task<bool> IsAdministratorAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await AdministratorAsync(db, principal, cancellationToken) is not null;

    private static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Id(WebhookSubscription s) => s.Id.ToString(CultureInfo.InvariantCulture);

    private static string Label(WebhookSubscription s) => s.Description.Length > 0 ? s.Description : s.Url;

    private DateTime Now()
    {
        var now = clock.GetUtcNow();
        return new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static WebhookSubscriptionView View(WebhookSubscription s, int pending, int failed) =>
        new(s.Id, s.Url, s.Description, [.. s.EventTypes], s.Enabled, s.CreatedAt, s.CreatedByName, s.SecretRotatedAt, pending, failed);

    private static WebhookDeliveryView View(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.EventType, d.SubjectName, d.CreatedAt, d.State, d.Attempts, d.LastAttemptAt, d.LastStatusCode, d.LastError,
            d.State == WebhookDeliveryState.Pending ? d.NextAttemptAt : null,
            [.. d.AttemptLog.OrderBy(a => a.Number).Select(a => new WebhookAttemptView(a.Number, a.At, a.StatusCode, a.Error, a.DurationMs))]);
}

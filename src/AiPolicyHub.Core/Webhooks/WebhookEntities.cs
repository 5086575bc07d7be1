namespace AiPolicyHub.Core.Webhooks;

/// <summary>A URL an administrator subscribed to some events. Its <see cref="Secret"/> signs every delivery.</summary>
public sealed class WebhookSubscription
{
    public const int UrlLength = 2000, DescriptionLength = 200, EventsLength = 500, SecretLength = 100, NameLength = 256;

    public int Id { get; set; }
    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The subscribed event types (<see cref="WebhookEventTypes"/>), separated by commas.</summary>
    public string Events { get; set; } = "";
    /// <summary>
    /// The signing key. Kept readable, because signing needs it (unlike an API token, whose hash suffices): whoever can read
    /// the database can sign as the app — rotate the secret after a database copy leaves your hands.
    /// </summary>
    public string Secret { get; set; } = "";
    public bool Enabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime? SecretRotatedAt { get; set; }
    /// <summary>Events from audit entries up to this number happened before the subscription and are not sent to it.</summary>
    public long StartsAfterAuditEntryId { get; set; }

    public IReadOnlySet<string> EventTypes => Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
}

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt (the first, or a retry at <see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending,
    Delivered,
    /// <summary>Given up: the attempts ran out, or the receiver answered in a way a retry would not change.</summary>
    Failed,
}

/// <summary>
/// One event for one subscription: its body is fixed when it is queued, so every attempt sends the same event (same id);
/// each attempt is signed anew with the time it is sent.
/// </summary>
public sealed class WebhookDelivery
{
    public const int EventIdLength = 40, EventTypeLength = 50, ErrorLength = 500, HolderLength = 200;

    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public string EventId { get; set; } = "";
    public string EventType { get; set; } = "";
    public string SubjectName { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The audit entry the event comes from (none for a test event).</summary>
    public long? AuditEntryId { get; set; }
    public DateTime CreatedAt { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    /// <summary>The instance sending it now, and until when it may: claimed by one conditional update, so nobody else sends it meanwhile.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }

    public List<WebhookAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One try at sending a delivery: when, and the HTTP status or the error.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}

/// <summary>How far the audit trail has been turned into deliveries: one row.</summary>
public sealed class WebhookCursor
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long LastAuditEntryId { get; set; }
}

namespace AiPolicyHub.Core.Email;

/// <summary>Where a message of the outbox stands. Stored as numbers: add new values at the end.</summary>
public enum OutgoingEmailStatus
{
    /// <summary>Waiting for its next attempt (<see cref="OutgoingEmail.NextAttemptAt"/>).</summary>
    Queued,
    /// <summary>Claimed by one sender (<see cref="OutgoingEmail.ClaimedBy"/>) until <see cref="OutgoingEmail.ClaimedUntil"/>.</summary>
    Sending,
    Sent,
    /// <summary>Gave up after <see cref="EmailOptions.MaxAttempts"/> attempts; an administrator may send it again.</summary>
    Failed,
}

/// <summary>
/// One email waiting to go, going, gone or given up: the outbox. Rows are written in the transaction that decided to send
/// (the routing of notifications, a digest), and sent later by whichever instance claims them (<see cref="EmailOutbox"/>).
/// </summary>
public class OutgoingEmail
{
    public const int RecipientLength = 320, SubjectLength = 300, ErrorLength = 1000, ClaimLength = 200;

    public long Id { get; set; }
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>Plain text.</summary>
    public string Body { get; set; } = "";
    public OutgoingEmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
}

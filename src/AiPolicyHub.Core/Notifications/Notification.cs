using System.ComponentModel;

namespace AiPolicyHub.Core.Notifications;

public enum NotificationKind
{
    [Description("Paused")] Paused,
    [Description("Restarted")] Restarted,
    [Description("Awaiting your approval")] AwaitingApproval,
    [Description("Review coming due")] ReviewDue,
    [Description("New policy version")] PolicyVersion,
    [Description("Incident")] Incident,
    // Numbered apart, so values other features append above never take the same stored number.
    [Description("Request for a use of AI")] UseRequest = 40,
    [Description("Your request was decided")] UseRequestDecided = 41,
    [Description("Evidence expiring")] EvidenceExpiring = 70,
    [Description("Serious incident deadline")] SeriousIncidentDeadline = 80,
    [Description("Records to confirm")] AttestationDue = 90,
}

/// <summary>An in-app notification for one user, kept in the database so every app instance shows the same.</summary>
public class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Link { get; set; } = "";
    /// <summary>Identifies what it is about, so a periodic check never notifies the same thing twice (e.g. "review-due:12:2027-01-31").</summary>
    public string? Key { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>What email made of it: decided once, by the routing job, from the person's choice at that time.</summary>
    public NotificationEmail Email { get; set; }
}

/// <summary>What happened to a notification by email. Stored as numbers: add new values at the end.</summary>
public enum NotificationEmail
{
    /// <summary>Not yet looked at by the email routing.</summary>
    Pending,
    /// <summary>An email of its own is in the outbox.</summary>
    Queued,
    /// <summary>Waits for the person's next daily digest.</summary>
    AwaitingDigest,
    /// <summary>Went out in a daily digest.</summary>
    Digested,
    /// <summary>Not mailed: the person chose no emails, has no address or is disabled, or email was not set up.</summary>
    NotMailed,
}

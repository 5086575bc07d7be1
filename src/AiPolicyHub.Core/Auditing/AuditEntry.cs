namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// One recorded change. Entries are only ever appended; each is sealed with the audit key over its content, its number
/// and the hash of the one before, so editing, deleting or re-hashing a row by hand breaks the chain and
/// <see cref="AuditTrail.VerifyAsync(Data.AppDbContext, CancellationToken)"/> says where.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>When, in UTC (a DateTime, so SQLite can filter and sort by it).</summary>
    public DateTime At { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>What the entity is called, at the time of the change (for lists).</summary>
    public string EntityName { get; set; } = "";
    public AuditAction Action { get; set; }
    /// <summary>The field changes as JSON: [{"field": ..., "before": ..., "after": ...}].</summary>
    public string ChangesJson { get; set; } = "[]";
    public string PreviousHash { get; set; } = "";
    /// <summary>HMAC-SHA256 under the audit key; SHA-256 (anyone can compute it) for entries from before the key.</summary>
    public string Hash { get; set; } = "";
}

public enum AuditAction
{
    Created,
    Changed,
    Retired,
    // The approval workflow's steps (stored as numbers: add new values at the end).
    Submitted,
    Approved,
    Rejected,
    /// <summary>Sent back for approval by a change elsewhere (a tool it uses).</summary>
    Reopened,
    Reviewed,
    // Incidents and pauses. Numbered apart from the values above, so that actions other features append there never
    // take the same stored number.
    Reported = 100,
    Triaged = 101,
    Paused = 102,
    Restarted = 103,
    PauseProposed = 104,
    PauseDismissed = 105,
    // A manager's change to a tool compliance decided on, and compliance's answer.
    ChangeProposed = 200,
    ChangeRejected = 201,
    // Requests to use AI from the checker ("Ask for this use").
    Requested = 400,
    RequestApproved = 401,
    RequestDeclined = 402,
    RequestWithdrawn = 403,
    // A tool of the MCP server called by someone's AI assistant (with their API token).
    AssistantToolCalled = 1700,
    // Evidence attached to records (its creation and changes use Created and Changed).
    EvidenceReplaced = 700,
    EvidenceDeleted = 701,
    // Owner attestation campaigns: an owner's answer for their record, and compliance closing a campaign.
    Attested = 1810,
    Closed = 1811,
}

public sealed record FieldChange(string Field, string? Before, string? After);

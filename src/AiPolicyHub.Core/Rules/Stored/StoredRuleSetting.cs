namespace AiPolicyHub.Core.Rules.Stored;

/// <summary>
/// How an administrator configured one rule, as stored. A rule without a row runs with its defaults.
/// <see cref="ParametersJson"/> holds only the values set on the settings page, e.g. <c>{"MinimumRank":3}</c>.
/// </summary>
public class StoredRuleSetting
{
    public string RuleId { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string ParametersJson { get; set; } = "{}";

    /// <summary>Optimistic concurrency: every save increments it; a save from an older version is refused.</summary>
    public int Version { get; set; }
}

/// <summary>
/// An exception compliance granted to one workflow for one rule, with a justification, valid up to and including
/// <see cref="ExpiresOn"/>. Revoking keeps the row (with who and when) so the history stays complete.
/// </summary>
public class RuleException
{
    public int Id { get; set; }
    public int WorkflowId { get; set; }
    public string RuleId { get; set; } = "";
    public string Justification { get; set; } = "";
    public DateOnly ExpiresOn { get; set; }
    public string GrantedById { get; set; } = "";
    public string GrantedByName { get; set; } = "";
    public DateTime GrantedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }

    public bool IsActiveOn(DateOnly today) => RevokedAt is null && ExpiresOn >= today;

    /// <summary>What the engine needs; only for exceptions that were not revoked.</summary>
    public GrantedException ToGranted() => RevokedAt is null
        ? new(RuleId, ExpiresOn)
        : throw new InvalidOperationException("A revoked exception no longer counts.");
}

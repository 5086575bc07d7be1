namespace AiPolicyHub.Core.Identity;

/// <summary>
/// A personal API token: lets a script act as its owner on <c>/api/v1</c>, with the owner's roles at the time of each call.
/// Only a SHA-256 hash of the secret is stored; the secret itself is shown once, when the token is created.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>What the owner calls it, e.g. "Nightly GRC sync".</summary>
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the whole token, lower-case hex: what a presented token is looked up by.</summary>
    public string SecretHash { get; set; } = "";
    /// <summary>The first characters of the token ("aiph_Xy3k…"), so its owner can tell which one a list row is.</summary>
    public string Hint { get; set; } = "";
    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>UTC; the token is refused from this moment on.</summary>
    public DateTime ExpiresAt { get; set; }
    /// <summary>UTC, to the minute (see <see cref="ApiTokens.LastUseResolution"/>); null while never used.</summary>
    public DateTime? LastUsedAt { get; set; }
    /// <summary>UTC; null while not revoked.</summary>
    public DateTime? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }

    public bool IsUsableAt(DateTime utcNow) => RevokedAt is null && utcNow < ExpiresAt;
}

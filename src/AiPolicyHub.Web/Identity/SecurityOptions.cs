namespace AiPolicyHub.Web.Identity;

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>How often open sessions and circuits re-check that the account is still enabled and unchanged.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A session ends after this long without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;
}

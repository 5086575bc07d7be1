using AiPolicyHub.Core;

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

    /// <summary>How long a one-time password (a new user's or a reset's) works; after that an administrator resets it again.</summary>
    public TimeSpan OneTimePasswordLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>The setting that names the roles whose members must use two-factor sign-in (read by <see cref="TwoFactorRolesFrom"/>).</summary>
    public const string TwoFactorRolesKey = "RequireTwoFactorForRoles";

    /// <summary>
    /// <c>Security:RequireTwoFactorForRoles</c>: a list in appsettings.json, or one value of comma-separated role names from an
    /// environment variable or the command line, which replaces the list (a list cannot be emptied by another source): empty
    /// requires it of nobody. Absent: administrators and compliance officers.
    /// </summary>
    public static IReadOnlyList<string> TwoFactorRolesFrom(IConfiguration security)
    {
        var setting = security.GetSection(TwoFactorRolesKey);
        if (setting.Value is { } text)
        {
            return text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }
        return setting.Exists() ? [.. setting.GetChildren().Select(c => c.Value ?? "")] : Core.Identity.TwoFactorRequirement.DefaultRoles;
    }

    /// <summary>Refuses settings that would weaken security or stall the server, with a message naming the setting.</summary>
    public void Validate()
    {
        if (RevalidationInterval < TimeSpan.FromSeconds(1))
        {
            throw new StartupException("Security:RevalidationInterval must be at least 00:00:01 (how often open sessions re-check the account).");
        }
        if (MaxFailedSignIns < 1)
        {
            throw new StartupException("Security:MaxFailedSignIns must be at least 1.");
        }
        if (OneTimePasswordLifetime <= TimeSpan.Zero)
        {
            throw new StartupException("Security:OneTimePasswordLifetime must be positive, e.g. 72:00:00.");
        }
        if (PasswordHashIterations < 210_000)
        {
            throw new StartupException("Security:PasswordHashIterations must be at least 210000 (OWASP's figure for PBKDF2-HMAC-SHA512).");
        }
    }
}

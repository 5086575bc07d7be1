namespace AiPolicyHub.Core.Identity;

/// <summary>
/// The roles whose members must sign in with a second factor (setting <c>Security:RequireTwoFactorForRoles</c>). A member of
/// such a role without it is sent to set it up and can do nothing else until then, and cannot switch it off.
/// </summary>
public sealed class TwoFactorRequirement
{
    /// <summary>Those who can change every control and read everything: administrators and compliance officers.</summary>
    public static readonly IReadOnlyList<string> DefaultRoles = [Identity.Roles.Administrator, Identity.Roles.ComplianceOfficer];

    public TwoFactorRequirement(IEnumerable<string> roles)
    {
        Roles = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = Roles.Except(Identity.Roles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupException($"Security:RequireTwoFactorForRoles names {string.Join(", ", unknown.Select(r => $"'{r}'"))}, "
                + $"which is not a role; use {string.Join(", ", Identity.Roles.All)}, or nothing to require it of nobody.");
        }
    }

    public static TwoFactorRequirement Default { get; } = new(DefaultRoles);

    public IReadOnlyList<string> Roles { get; }

    public bool IsRequiredFor(IEnumerable<string> userRoles) => userRoles.Any(Roles.Contains);
}

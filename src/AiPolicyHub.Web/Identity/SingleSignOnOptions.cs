using AiPolicyHub.Core;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// <c>Authentication:OpenIdConnect</c>: the identity provider the app signs people in with (authorization code flow with PKCE).
/// Single sign-on is on when <see cref="Authority"/> and <see cref="ClientId"/> are set.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:OpenIdConnect";
    public const string Scheme = "oidc";
    public const string CallbackPath = "/signin-oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Space- or comma-separated; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The provider's name on the sign-in button ("Sign in with …").</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim whose values are mapped to roles (Entra ID: <c>groups</c> or <c>roles</c>; Keycloak: the group mapper's claim name).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim that names the person's department; unset leaves departments to the administrator.</summary>
    public string? DepartmentClaim { get; set; }

    public string EmailClaim { get; set; } = "email";
    public string NameClaim { get; set; } = "name";

    /// <summary>Also read claims from the provider's userinfo endpoint (for providers that leave groups out of the ID token).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    /// <summary>Refuse an authority over plain http. Turn off only for a provider on the same machine (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Seeds the administrator's mappings on the first start with single sign-on: claim value → role(s), comma-separated.</summary>
    public Dictionary<string, string> RoleMappings { get; set; } = [];

    /// <summary>Seeds the department mappings: claim value → department name.</summary>
    public Dictionary<string, string> DepartmentMappings { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<string> ScopeList() =>
        Scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Append("openid").Distinct(StringComparer.Ordinal);

    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            throw new StartupException($"{Section}:Authority must be an absolute address (the identity provider's issuer), not '{Authority}'.");
        }
        if (string.IsNullOrWhiteSpace(Authority) != string.IsNullOrWhiteSpace(ClientId))
        {
            throw new StartupException($"Single sign-on needs both {Section}:Authority and {Section}:ClientId (set both, or neither to turn it off).");
        }
    }
}

/// <summary>
/// <c>Authentication:LocalAccounts</c>: whether people sign in with the app's own passwords. Switched off (single sign-on only),
/// the password form is gone and only the break-glass administrator signs in with a password, at <see cref="BreakGlassPath"/>.
/// </summary>
public sealed class LocalAccountOptions
{
    public const string Section = "Authentication:LocalAccounts";
    public const string BreakGlassPath = "/account/sign-in/break-glass";

    public bool Enabled { get; set; } = true;

    /// <summary>The one local account that still signs in with a password when local accounts are off (for when the identity provider is down).</summary>
    public string? BreakGlassEmail { get; set; }

    /// <summary>Whether a password sign-in as <paramref name="email"/> may be tried at all.</summary>
    public bool AllowsPasswordFor(string email) =>
        Enabled || (!string.IsNullOrWhiteSpace(BreakGlassEmail) && string.Equals(email.Trim(), BreakGlassEmail.Trim(), StringComparison.OrdinalIgnoreCase));

    public void Validate(SingleSignOnOptions singleSignOn)
    {
        if (!Enabled && !singleSignOn.Enabled)
        {
            throw new StartupException($"{Section}:Enabled=false leaves nobody a way in: configure single sign-on ({SingleSignOnOptions.Section}:Authority and :ClientId) as well.");
        }
    }
}

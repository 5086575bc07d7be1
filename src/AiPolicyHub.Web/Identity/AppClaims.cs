namespace AiPolicyHub.Web.Identity;

public static class AppClaims
{
    public const string DisplayName = "aipolicyhub:display_name";
    public const string MustChangePassword = "aipolicyhub:must_change_password";

    /// <summary>The user's role requires two-factor sign-in and they have not set it up (<see cref="RequireTwoFactorSetupMiddleware"/>).</summary>
    public const string TwoFactorSetupDue = "aipolicyhub:two_factor_setup_due";

    /// <summary>The server-side session a cookie belongs to (<see cref="AiPolicyHub.Core.Identity.UserSessions"/>).</summary>
    public const string SessionId = "aipolicyhub:session";
}

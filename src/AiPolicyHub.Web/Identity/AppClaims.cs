namespace AiPolicyHub.Web.Identity;

public static class AppClaims
{
    public const string DisplayName = "aipolicyhub:display_name";
    public const string MustChangePassword = "aipolicyhub:must_change_password";

    /// <summary>The server-side session a cookie belongs to (<see cref="AiPolicyHub.Core.Identity.UserSessions"/>).</summary>
    public const string SessionId = "aipolicyhub:session";
}

namespace AiPolicyHub.Web.Identity;

public static class AppClaims
{
    public const string DisplayName = "aipolicyhub:display_name";
    public const string MustChangePassword = "aipolicyhub:must_change_password";
}

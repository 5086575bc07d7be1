namespace AiPolicyHub.Core.Identity;

/// <summary>The four roles of PRODUCT.md. Role names are stored in the database; do not rename them.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string ComplianceOfficer = "ComplianceOfficer";
    public const string Manager = "Manager";
    public const string Staff = "Staff";

    public static readonly IReadOnlyList<string> All = [Administrator, ComplianceOfficer, Manager, Staff];

    public static string DisplayName(string role) => role switch
    {
        ComplianceOfficer => "Compliance officer",
        _ => role,
    };
}

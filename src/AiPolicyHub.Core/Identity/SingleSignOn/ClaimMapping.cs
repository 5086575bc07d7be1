namespace AiPolicyHub.Core.Identity.SingleSignOn;

/// <summary>An identity provider's group (or role) claim value that grants one of the app's four roles at single sign-on.</summary>
public class ClaimRoleMapping
{
    public int Id { get; set; }

    /// <summary>The claim's value as the identity provider sends it (a group name, a group's object id, an app role).</summary>
    public string ClaimValue { get; set; } = "";

    /// <summary>One of <see cref="Roles.All"/>.</summary>
    public string Role { get; set; } = "";
}

/// <summary>An identity provider's department claim value that puts the person in one of the organisation's departments.</summary>
public class ClaimDepartmentMapping
{
    public int Id { get; set; }
    public string ClaimValue { get; set; } = "";
    public int DepartmentId { get; set; }
}

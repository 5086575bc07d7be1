using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Core.Identity;

/// <summary>A person who signs in to AiPolicyHub.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set for accounts created with a one-time password; cleared when the user picks their own.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The department the person works in, for policy acknowledgement rates by department; null when not set.</summary>
    public int? DepartmentId { get; set; }
}

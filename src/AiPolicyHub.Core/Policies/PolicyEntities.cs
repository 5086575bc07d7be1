namespace AiPolicyHub.Core.Policies;

/// <summary>
/// The policy as compliance is editing it: one row, its sections as JSON. <see cref="Version"/> rises with every save,
/// so two officers editing at once never silently overwrite each other.
/// </summary>
public class PolicyDraft
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    /// <summary>A list of <see cref="DraftSection"/> as JSON.</summary>
    public string SectionsJson { get; set; } = "[]";
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
}

/// <summary>
/// A published version of the policy. Written once and never changed: there is no code that updates one, and
/// <see cref="ContentHash"/> (also recorded in the audit trail when it was published) shows whether its content was
/// altered by hand.
/// </summary>
public class PolicyVersion
{
    /// <summary>1, 2, 3…: the key, so a number is never used twice.</summary>
    public int Number { get; set; }
    public DateTime PublishedAt { get; set; }
    public string ApprovedById { get; set; } = "";
    public string ApprovedByName { get; set; } = "";
    public string ChangeSummary { get; set; } = "";
    /// <summary>The frozen <see cref="PolicyContent"/> sections as JSON, generated sections included as they were.</summary>
    public string ContentJson { get; set; } = "[]";
    /// <summary>sha256 of <see cref="ContentJson"/>.</summary>
    public string ContentHash { get; set; } = "";
}

/// <summary>That a person read and acknowledged a version: evidence of AI-literacy measures (EU AI Act Art. 4).</summary>
public class PolicyAcknowledgement
{
    public string UserId { get; set; } = "";
    public int VersionNumber { get; set; }
    public DateTime AcknowledgedAt { get; set; }
}

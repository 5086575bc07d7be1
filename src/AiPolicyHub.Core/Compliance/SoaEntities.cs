using System.ComponentModel;

namespace AiPolicyHub.Core.Compliance;

/// <summary>How far a control is put into practice, as the person accountable for it says.</summary>
public enum ImplementationStatus
{
    [Description("Not started")] NotStarted = 0,
    [Description("Planned")] Planned = 1,
    [Description("Partly implemented")] Partial = 2,
    [Description("Implemented")] Implemented = 3,
}

/// <summary>
/// What the organisation decided for one Annex A control: whether it applies, why (required when it is excluded), how
/// far it is implemented and who owns it. A control without a row is applicable, not started and unowned. The
/// <see cref="Version"/> moves with every save, so two officers editing the same control never overwrite each other.
/// </summary>
public class SoaControlEntry
{
    public const int JustificationMaxLength = 2000;

    /// <summary>The Annex A code, e.g. "A.6.2.6": the key.</summary>
    public string ControlCode { get; set; } = "";
    public bool Applicable { get; set; } = true;
    public string Justification { get; set; } = "";
    public ImplementationStatus Status { get; set; }
    public string? OwnerId { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
}

/// <summary>
/// A published version of the Statement of Applicability: numbered, who and when, a summary of the change, and the whole
/// statement as it stood (every control with its decision, owner, linked rules, evidence and coverage) as JSON. Written
/// once, never changed; <see cref="ContentHash"/> (also in the audit trail) shows whether its content was altered by hand.
/// </summary>
public class SoaVersion
{
    public int Number { get; set; }
    public DateTime PublishedAt { get; set; }
    public string PublishedById { get; set; } = "";
    public string PublishedByName { get; set; } = "";
    public string ChangeSummary { get; set; } = "";
    public string ContentJson { get; set; } = "[]";
    public string ContentHash { get; set; } = "";
}

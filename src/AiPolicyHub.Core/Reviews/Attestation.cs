using System.ComponentModel;

namespace AiPolicyHub.Core.Reviews;

/// <summary>What kind of record an owner attests to. Stored as numbers.</summary>
public enum AttestedKind
{
    [Description("Workflow")] Workflow = 1,
    [Description("Agent")] Agent = 2,
    [Description("AI tool")] Tool = 3,
}

/// <summary>An owner's answer. Stored as numbers: add new values at the end.</summary>
public enum AttestationAnswer
{
    [Description("Not answered")] Pending = 0,
    [Description("Confirmed as stored")] Confirmed = 1,
    [Description("Corrected")] Corrected = 2,
}

/// <summary>
/// Compliance asks the owners of the records in scope (one department, or everyone) to confirm, by a date, that what is
/// stored about each of their records is still true — or to correct it. Its items (<see cref="Attestation"/>) are fixed when
/// it starts; it is open until compliance closes it.
/// </summary>
public class AttestationCampaign
{
    public const int TitleMaxLength = 200;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The department in scope; null for everyone (every department's workflows and agents, and the AI tools).</summary>
    public int? DepartmentId { get; set; }
    public DateOnly DueOn { get; set; }
    public string StartedById { get; set; } = "";
    public string StartedByName { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedByName { get; set; }
    /// <summary>Concurrency token: each change to the campaign itself moves it.</summary>
    public int Version { get; set; }

    public bool IsOpen => ClosedAt is null;
}

/// <summary>One record one owner is asked about in a campaign, and their answer.</summary>
public class Attestation
{
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }
    public int CampaignId { get; set; }
    public AttestedKind SubjectKind { get; set; }
    public int SubjectId { get; set; }
    /// <summary>The record's name when the campaign started.</summary>
    public string SubjectName { get; set; } = "";
    /// <summary>The record's department (null for an AI tool), for progress per department.</summary>
    public int? DepartmentId { get; set; }
    public string OwnerId { get; set; } = "";
    public AttestationAnswer Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>What was corrected (required for a correction), or a remark.</summary>
    public string? Note { get; set; }
    /// <summary>Concurrency token: each answer moves it.</summary>
    public int Version { get; set; }

    public string Link => SubjectKind switch
    {
        AttestedKind.Workflow => $"/workflows/{SubjectId}",
        AttestedKind.Agent => $"/agents/{SubjectId}",
        _ => $"/tools/{SubjectId}",
    };
}

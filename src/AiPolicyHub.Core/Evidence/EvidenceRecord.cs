using System.ComponentModel;

namespace AiPolicyHub.Core.Evidence;

/// <summary>
/// What a piece of evidence is attached to. Stored as numbers with the subject's id beside them, so a new kind of record
/// (reviews, controls, agents) is a new value here and a case in <see cref="EvidenceSubjects"/>, not a new table.
/// </summary>
public enum EvidenceSubjectKind
{
    [Description("Workflow")] Workflow = 1,
    [Description("AI tool")] Tool = 2,
    [Description("Exception")] RuleException = 3,
    [Description("Pause")] Pause = 4,
    [Description("Incident")] Incident = 5,
    // Control (9) and Review (30) came from branches built side by side; StoredEnumNumbersTests keeps stored numbers apart.
    /// <summary>An ISO/IEC 42001 Annex A control of the Statement of Applicability; its id is <see cref="Compliance.AnnexAControl.SubjectId"/>.</summary>
    [Description("ISO/IEC 42001 control")] Control = 9,
    [Description("Review")] Review = 30,
    [Description("Agent")] Agent = 40,
}

public enum EvidenceKind
{
    [Description("File")] File,
    [Description("Link")] Link,
}

/// <summary>One subject: its kind and its id.</summary>
public readonly record struct EvidenceSubject(EvidenceSubjectKind Kind, int Id);

/// <summary>
/// A dated, owned piece of evidence — a file kept in the database (every instance sees it) or a link — attached to one
/// record. A file's bytes are in <see cref="EvidenceFileContent"/>, one row per <see cref="EvidenceFileVersion"/>, so lists
/// never load them; replacing the file adds a version and keeps the earlier ones.
/// </summary>
public class EvidenceRecord
{
    public const int DescriptionMaxLength = 500;
    public const int UrlMaxLength = 2000;

    public int Id { get; set; }
    public EvidenceSubjectKind SubjectKind { get; set; }
    public int SubjectId { get; set; }
    public EvidenceKind Kind { get; set; }
    public string Description { get; set; } = "";
    /// <summary>For a link: the absolute http(s) address.</summary>
    public string? Url { get; set; }
    /// <summary>The person accountable for keeping it current; told before it expires.</summary>
    public string? OwnerId { get; set; }
    /// <summary>When the evidence was produced (the report's date, the assessment's date), not when it was attached.</summary>
    public DateOnly ProducedOn { get; set; }
    /// <summary>The last day it counts; null when it does not expire.</summary>
    public DateOnly? ExpiresOn { get; set; }
    /// <summary>The number of the newest file version (0 for a link).</summary>
    public int CurrentFileVersion { get; set; }
    public string AddedById { get; set; } = "";
    public string AddedByName { get; set; } = "";
    public DateTime AddedAt { get; set; }
    public DateTime ChangedAt { get; set; }
    /// <summary>Concurrency token: each change moves it, and a change made against an older one is refused.</summary>
    public int Version { get; set; }
}

/// <summary>One uploaded file of an evidence record: who, when, what (name, type determined from its bytes, size, SHA-256).</summary>
public class EvidenceFileVersion
{
    public int Id { get; set; }
    public int EvidenceId { get; set; }
    /// <summary>1, 2, 3… within its evidence record.</summary>
    public int Number { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; set; } = "";
    public string UploadedById { get; set; } = "";
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    /// <summary>The bytes, loaded only by a download (and set when a version is added).</summary>
    public EvidenceFileContent? Content { get; set; }
}

/// <summary>The bytes of one file version, in a table of their own so nothing loads them but a download.</summary>
public class EvidenceFileContent
{
    public int VersionId { get; set; }
    public byte[] Bytes { get; set; } = [];
}

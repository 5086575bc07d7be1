namespace AiPolicyHub.Core.Evidence;

/// <summary>The <c>Evidence</c> configuration section.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>The largest file that can be attached, in bytes (25 MB by default).</summary>
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How many days before it expires the owner of a piece of evidence is told (once).</summary>
    public int ExpiryNoticeDays { get; set; } = 30;

    /// <summary>The limit in words, e.g. "25 MB".</summary>
    public string MaxFileSizeText => EvidenceFiles.SizeText(MaxFileBytes);
}

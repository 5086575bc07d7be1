using System.ComponentModel;

namespace AiPolicyHub.Core.Obligations;

/// <summary>An obligations table an administrator uploaded: kept whole, numbered; the newest is the one in use.</summary>
public class ObligationTableVersion
{
    public int Id { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Edition { get; set; }
    public string Json { get; set; } = "";
    public string UploadedById { get; set; } = "";
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

/// <summary>
/// One version of a workflow's fundamental rights impact assessment (Art. 27): each save is a new row. The notice to the
/// market surveillance authority (Art. 27(3)) is recorded on the version it reported.
/// </summary>
public class FriaAssessment
{
    public int Id { get; set; }
    public int WorkflowId { get; set; }
    public int Version { get; set; }
    /// <summary>(a) How the deployer's processes use the system, for its intended purpose.</summary>
    public string ProcessDescription { get; set; } = "";
    /// <summary>(b) For how long and how often it is meant to be used.</summary>
    public string PeriodAndFrequency { get; set; } = "";
    /// <summary>(c) Which people and groups it is likely to affect.</summary>
    public string AffectedGroups { get; set; } = "";
    /// <summary>(d) The specific risks of harm to them.</summary>
    public string RisksOfHarm { get; set; } = "";
    /// <summary>(e) The human oversight measures, per the instructions for use.</summary>
    public string OversightMeasures { get; set; } = "";
    /// <summary>(f) What is done if the risks materialise: governance and complaint handling.</summary>
    public string MitigationAndComplaints { get; set; } = "";
    /// <summary>A data-protection impact assessment this one builds on (Art. 27(4)): a reference or link.</summary>
    public string DpiaReference { get; set; } = "";
    public string DpiaNote { get; set; } = "";
    public string SavedById { get; set; } = "";
    public string SavedByName { get; set; } = "";
    public DateTime SavedAt { get; set; }
    public DateOnly? AuthorityNotifiedOn { get; set; }
    public string AuthorityReference { get; set; } = "";
    public string? AuthorityRecordedByName { get; set; }
}

/// <summary>The kinds of serious incident of Art. 73, each with its own deadline.</summary>
public enum SeriousIncidentKind
{
    [Description("Serious incident (15 days)")] General = 0,
    [Description("Death of a person (10 days)")] Death = 1,
    [Description("Widespread infringement or serious disruption of critical infrastructure (2 days)")] WidespreadOrCriticalInfrastructure = 2,
}

public enum NoticeRecipient
{
    [Description("Provider of the system")] Provider = 0,
    [Description("Market surveillance authority")] MarketSurveillanceAuthority = 1,
    [Description("Importer or distributor")] ImporterOrDistributor = 2,
    [Description("Other authority")] OtherAuthority = 3,
}

/// <summary>A notice about a serious incident sent to the provider or an authority (Art. 26(5), Art. 73).</summary>
public class IncidentNotice
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public NoticeRecipient Recipient { get; set; }
    /// <summary>Who exactly: the provider's name, the authority's.</summary>
    public string RecipientName { get; set; } = "";
    public DateOnly SentOn { get; set; }
    public string Reference { get; set; } = "";
    public string RecordedById { get; set; } = "";
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

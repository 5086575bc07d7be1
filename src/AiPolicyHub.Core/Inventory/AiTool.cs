namespace AiPolicyHub.Core.Inventory;

/// <summary>A product, model or service the business uses.</summary>
public class AiTool
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public ToolDeployment Deployment { get; set; }
    public ToolCapabilities Capabilities { get; set; }
    public VendorTraining TrainsOnOurData { get; set; }
    public int? RetentionDays { get; set; }
    public string DataResidency { get; set; } = "";
    public bool HasDataProcessingAgreement { get; set; }

    /// <summary>The most sensitive classification this tool may receive.</summary>
    public int MaxClassificationId { get; set; }
    public DataClassificationLevel? MaxClassification { get; set; }

    public ToolApprovalStatus ApprovalStatus { get; set; }
    public string? OwnerId { get; set; }
    public string Notes { get; set; } = "";

    /// <summary>Why compliance paused the tool; null while it is not paused. Paused tools must not be used.</summary>
    public string? PausedReason { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a save from an older version is refused.</summary>
    public int Version { get; set; }

    /// <summary>The id another system knows this tool by; a re-import matches on it.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The key an import built from chosen columns when the file has no id (see <see cref="Workflow.ImportKey"/>).</summary>
    public string? ImportKey { get; set; }

    public bool IsRetired => ApprovalStatus == ToolApprovalStatus.Retired;
}

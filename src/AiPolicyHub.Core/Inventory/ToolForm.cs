namespace AiPolicyHub.Core.Inventory;

/// <summary>What a person edits on the tool page.</summary>
public sealed class ToolForm
{
    public string Name { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public ToolDeployment Deployment { get; set; } = ToolDeployment.Saas;
    public ToolCapabilities Capabilities { get; set; } = ToolCapabilities.Text;
    public VendorTraining TrainsOnOurData { get; set; } = VendorTraining.No;
    public int? RetentionDays { get; set; }
    public string DataResidency { get; set; } = "";
    public bool HasDataProcessingAgreement { get; set; }
    public int? MaxClassificationId { get; set; }
    public ToolApprovalStatus ApprovalStatus { get; set; } = ToolApprovalStatus.Proposed;
    public string? OwnerId { get; set; }
    public string Notes { get; set; } = "";
    public int Version { get; set; }

    /// <summary>Why compliance paused the tool (null: not paused). Shown, never edited here: see <see cref="ToolCatalog.PauseAsync"/>.</summary>
    public string? PausedReason { get; private set; }

    public ToolForm Copy() => (ToolForm)MemberwiseClone();

    public static ToolForm From(AiTool t) => new()
    {
        Name = t.Name,
        Vendor = t.Vendor,
        ModelVersion = t.ModelVersion,
        Deployment = t.Deployment,
        Capabilities = t.Capabilities,
        TrainsOnOurData = t.TrainsOnOurData,
        RetentionDays = t.RetentionDays,
        DataResidency = t.DataResidency,
        HasDataProcessingAgreement = t.HasDataProcessingAgreement,
        MaxClassificationId = t.MaxClassificationId,
        ApprovalStatus = t.ApprovalStatus,
        OwnerId = t.OwnerId,
        Notes = t.Notes,
        Version = t.Version,
        PausedReason = t.PausedReason,
    };

    internal void ApplyTo(AiTool t)
    {
        t.Name = Name.Trim();
        t.Vendor = Vendor.Trim();
        t.ModelVersion = ModelVersion.Trim();
        t.Deployment = Deployment;
        t.Capabilities = Capabilities;
        t.TrainsOnOurData = TrainsOnOurData;
        t.RetentionDays = RetentionDays;
        t.DataResidency = DataResidency.Trim();
        t.HasDataProcessingAgreement = HasDataProcessingAgreement;
        t.MaxClassificationId = MaxClassificationId!.Value;
        t.ApprovalStatus = ApprovalStatus;
        t.OwnerId = string.IsNullOrEmpty(OwnerId) ? null : OwnerId;
        t.Notes = Notes.Trim();
    }
}

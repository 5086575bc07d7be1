namespace AiPolicyHub.Core.Inventory;

/// <summary>A business process that relies on AI (an AI use case).</summary>
public class Workflow
{
    /// <summary>Long enough for a public register's description (several columns combined on import) or a 5,000-character write-up.</summary>
    public const int PurposeMaxLength = 8000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string? OwnerId { get; set; }
    public string Purpose { get; set; } = "";
    public List<WorkflowTool> Tools { get; set; } = [];
    public LifecycleStage Stage { get; set; }
    public Autonomy Autonomy { get; set; }
    public Audience Audience { get; set; }
    public PeopleImpact AffectsPeople { get; set; }

    public int DataClassificationId { get; set; }
    public DataClassificationLevel? DataClassification { get; set; }
    public DataCategories DataCategories { get; set; }

    public HumanOversight Oversight { get; set; }
    /// <summary>Percentage of outputs checked, 1–100, when <see cref="Oversight"/> is a spot-check.</summary>
    public int? SpotCheckPercent { get; set; }
    /// <summary>Who reviews or approves, e.g. "Team lead" or a role name.</summary>
    public string ApprovingRole { get; set; } = "";
    public VerificationControls Controls { get; set; }

    public int? MonthlyVolume { get; set; }
    public int ReviewCadenceMonths { get; set; } = 12;
    public DateOnly? NextReviewDate { get; set; }
    public WorkflowStatus Status { get; set; }

    public int Version { get; set; }

    /// <summary>The id another system (a register, a spreadsheet) knows this workflow by; a re-import matches on it.</summary>
    public string? ExternalId { get; set; }

    /// <summary>
    /// The key an import built from chosen columns (several combined, or a fingerprint of them) when the file has no id;
    /// a re-import with the same key strategy matches on it. Never shown as an id of its own.
    /// </summary>
    public string? ImportKey { get; set; }

    /// <summary>
    /// The residual risk as last assessed (see <see cref="Risk.RiskIndex"/>), kept on the row so the dashboard and lists
    /// can count and filter 100,000 workflows in the database. A score of 0 means "not assessed yet".
    /// </summary>
    public int RiskLikelihood { get; set; }
    public int RiskImpact { get; set; }
    public int RiskScore { get; set; }
    public Risk.RiskTier RiskTier { get; set; }

    /// <summary>The EU AI Act category a compliance officer confirmed or chose instead of the suggestion; null until then.</summary>
    public Risk.EuAiActCategory? EuAiActCategory { get; set; }
    public string? EuAiActJustification { get; set; }
    public string? EuAiActDecidedBy { get; set; }
    public DateTime? EuAiActDecidedAt { get; set; }

    // EU AI Act obligations (Obligations/): changed only through EuAiActProfiles, and FriaVersion through FriaRegister,
    // never by the workflow form, so the form, the API and the import leave them as they are.
    /// <summary>The organisation's role for this use of AI; workflows recorded before the field are a deployer's.</summary>
    public Obligations.OperatorRole OperatorRole { get; set; }
    public Obligations.HighRiskArea HighRiskArea { get; set; }
    /// <summary>The workflow provides a public service (Art. 27: such deployers assess the impact on fundamental rights).</summary>
    public bool ProvidesPublicService { get; set; }
    /// <summary>How the people its output reaches are told it comes from AI (Art. 50); empty until recorded.</summary>
    public string TransparencyMeasure { get; set; } = "";
    /// <summary>The latest fundamental rights impact assessment's version; 0 while there is none.</summary>
    public int FriaVersion { get; set; }

    public bool IsRetired => Status == WorkflowStatus.Retired;
}

public class WorkflowTool
{
    public int WorkflowId { get; set; }
    public Workflow? Workflow { get; set; }
    public int ToolId { get; set; }
    public AiTool? Tool { get; set; }
}

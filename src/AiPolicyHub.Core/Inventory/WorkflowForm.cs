namespace AiPolicyHub.Core.Inventory;

/// <summary>What a person edits on the workflow page; the service validates it and applies it to a <see cref="Workflow"/>.</summary>
public sealed class WorkflowForm
{
    public string Name { get; set; } = "";
    public int? DepartmentId { get; set; }
    public string? OwnerId { get; set; }
    public string Purpose { get; set; } = "";
    public List<int> ToolIds { get; set; } = [];
    public LifecycleStage Stage { get; set; } = LifecycleStage.Idea;
    public Autonomy Autonomy { get; set; } = Autonomy.Assist;
    public Audience Audience { get; set; } = Audience.Internal;
    public PeopleImpact AffectsPeople { get; set; }
    public int? DataClassificationId { get; set; }
    public DataCategories DataCategories { get; set; }
    public HumanOversight Oversight { get; set; } = HumanOversight.ReviewBeforeUse;
    public int? SpotCheckPercent { get; set; }
    public string ApprovingRole { get; set; } = "";
    public VerificationControls Controls { get; set; }
    public int? MonthlyVolume { get; set; }
    public int ReviewCadenceMonths { get; set; } = 12;
    public DateOnly? NextReviewDate { get; set; }
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Draft;

    /// <summary>The version this form was loaded from; 0 for a new workflow.</summary>
    public int Version { get; set; }

    /// <summary>
    /// What is recorded about the stored workflow under the EU AI Act, carried so the rules see it while the form is edited.
    /// Read-only here: it is changed through EuAiActProfiles, never by saving the form (nor by the API, hence JsonIgnore).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Obligations.EuAiActProfile EuAiAct { get; internal set; } = Obligations.EuAiActProfile.Unknown;

    public WorkflowForm Copy()
    {
        var copy = (WorkflowForm)MemberwiseClone();
        copy.ToolIds = [.. ToolIds];
        return copy;
    }

    public static WorkflowForm From(Workflow w) => new()
    {
        Name = w.Name,
        DepartmentId = w.DepartmentId,
        OwnerId = w.OwnerId,
        Purpose = w.Purpose,
        ToolIds = w.Tools.Select(t => t.ToolId).Order().ToList(),
        Stage = w.Stage,
        Autonomy = w.Autonomy,
        Audience = w.Audience,
        AffectsPeople = w.AffectsPeople,
        DataClassificationId = w.DataClassificationId,
        DataCategories = w.DataCategories,
        Oversight = w.Oversight,
        SpotCheckPercent = w.SpotCheckPercent,
        ApprovingRole = w.ApprovingRole,
        Controls = w.Controls,
        MonthlyVolume = w.MonthlyVolume,
        ReviewCadenceMonths = w.ReviewCadenceMonths,
        NextReviewDate = w.NextReviewDate,
        Status = w.Status,
        Version = w.Version,
        EuAiAct = Obligations.EuAiActProfile.Of(w),
    };

    internal void ApplyTo(Workflow w)
    {
        w.Name = Name.Trim();
        w.DepartmentId = DepartmentId!.Value;
        w.OwnerId = string.IsNullOrEmpty(OwnerId) ? null : OwnerId;
        w.Purpose = Purpose.Trim();
        var wanted = ToolIds.Distinct().ToHashSet();
        w.Tools.RemoveAll(t => !wanted.Contains(t.ToolId));
        foreach (var id in wanted.Except(w.Tools.Select(t => t.ToolId)))
        {
            w.Tools.Add(new WorkflowTool { ToolId = id });
        }
        w.Stage = Stage;
        w.Autonomy = Autonomy;
        w.Audience = Audience;
        w.AffectsPeople = AffectsPeople;
        w.DataClassificationId = DataClassificationId!.Value;
        w.DataCategories = DataCategories;
        w.Oversight = Oversight;
        w.SpotCheckPercent = Oversight == HumanOversight.SpotCheck ? SpotCheckPercent : null;
        w.ApprovingRole = ApprovingRole.Trim();
        w.Controls = Controls;
        w.MonthlyVolume = MonthlyVolume;
        w.ReviewCadenceMonths = ReviewCadenceMonths;
        w.NextReviewDate = NextReviewDate;
        w.Status = Status;
    }
}

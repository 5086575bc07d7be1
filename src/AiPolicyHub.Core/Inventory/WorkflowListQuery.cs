namespace AiPolicyHub.Core.Inventory;

public enum WorkflowSort
{
    Name,
    Department,
    Stage,
    Status,
    Classification,
    NextReview,
    Autonomy,
    Audience,
    RiskScore,
    RiskTier,
}

/// <summary>One page of the workflow list; every part runs in the database.</summary>
public sealed record WorkflowListQuery(
    string? Search = null,
    int? DepartmentId = null,
    WorkflowStatus? Status = null,
    LifecycleStage? Stage = null,
    int? ClassificationId = null,
    bool IncludeRetired = false,
    WorkflowSort Sort = WorkflowSort.Name,
    bool Descending = false,
    int Skip = 0,
    int Take = 50,
    Risk.RiskTier? Tier = null,
    int? RiskLikelihood = null,
    int? RiskImpact = null,
    // Only workflows whose next review date is before this day (not retired): the overdue reviews.
    DateOnly? ReviewOverdueOn = null,
    // Only these workflows (a selection on the list, exported); null for any.
    IReadOnlyList<int>? Ids = null)
{
    /// <summary>A filter on the stored risk (from the dashboard's tiers and heat map).</summary>
    public bool FiltersRisk => Tier is not null || RiskLikelihood is not null || RiskImpact is not null;

    /// <summary>Compiled queries cover the everyday filters only; the rest are translated on each call.</summary>
    internal bool IsCompiled => string.IsNullOrWhiteSpace(Search) && !FiltersRisk && ReviewOverdueOn is null && Ids is null;
}

public sealed record WorkflowListItem(
    int Id, string Name, string Department, LifecycleStage Stage, WorkflowStatus Status,
    string Classification, int ClassificationRank, Autonomy Autonomy, Audience Audience,
    HumanOversight Oversight, DateOnly? NextReviewDate, string? Owner,
    // The residual risk as last assessed (0: not assessed yet).
    int RiskScore = 0, Risk.RiskTier RiskTier = Risk.RiskTier.Low);

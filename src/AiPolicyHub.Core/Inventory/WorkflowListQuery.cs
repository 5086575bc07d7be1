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
    DateOnly? ReviewOverdueOn = null)
{
    /// <summary>A filter on the stored risk (from the dashboard's tiers and heat map).</summary>
    public bool FiltersRisk => Tier is not null || RiskLikelihood is not null || RiskImpact is not null;
}

public sealed record WorkflowListItem(
    int Id, string Name, string Department, LifecycleStage Stage, WorkflowStatus Status,
    string Classification, int ClassificationRank, Autonomy Autonomy, Audience Audience,
    HumanOversight Oversight, DateOnly? NextReviewDate, string? Owner);

using System.ComponentModel;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Reviews;

/// <summary>How one checklist item was answered. Stored as numbers: add new values at the end.</summary>
public enum ChecklistAnswer
{
    [Description("Yes")] Yes = 1,
    [Description("No")] No = 2,
    [Description("Not applicable")] NotApplicable = 3,
}

/// <summary>
/// One periodic review of a workflow, as a record of its own: who, when, the checklist of its risk tier as answered, the
/// outcome, the notes, the next review date it set, and (in the evidence register) the evidence it rests on. Written by
/// <see cref="WorkflowApprovals.RecordReviewAsync"/> in the same transaction as the workflow's history entry
/// (<see cref="AuditEntryId"/>), and never changed afterwards: a later review is a new record.
/// </summary>
public class WorkflowReview
{
    public const int NotesMaxLength = WorkflowApprovals.MaxCommentLength;

    public int Id { get; set; }
    public int WorkflowId { get; set; }
    /// <summary>The workflow's name and department when it was reviewed, so the register reads the same later.</summary>
    public string WorkflowName { get; set; } = "";
    public int DepartmentId { get; set; }
    public string ReviewedById { get; set; } = "";
    public string ReviewedByName { get; set; } = "";
    public DateTime ReviewedAt { get; set; }
    /// <summary>The risk tier whose checklist was used.</summary>
    public RiskTier Tier { get; set; }
    public ReviewOutcome Outcome { get; set; }
    public string? Notes { get; set; }
    public DateOnly NextReviewDate { get; set; }
    /// <summary>The workflow's history entry for this review; reviews recorded before these records exist only as such entries.</summary>
    public long AuditEntryId { get; set; }
    public List<WorkflowReviewAnswer> Answers { get; set; } = [];
}

/// <summary>One item of the checklist as it read at the review, and its answer.</summary>
public class WorkflowReviewAnswer
{
    public int Id { get; set; }
    public int ReviewId { get; set; }
    public int Position { get; set; }
    public string Item { get; set; } = "";
    public ChecklistAnswer Answer { get; set; }
}

/// <summary>The administrator's checklist for one risk tier; a tier without a row uses <see cref="ReviewChecklists.Defaults"/>.</summary>
public class ReviewChecklist
{
    public const int ItemMaxLength = 300;
    public const int MaxItems = 30;

    public RiskTier Tier { get; set; }
    /// <summary>The items, one a line, in order.</summary>
    public string Items { get; set; } = "";
    public string ChangedByName { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    /// <summary>Concurrency token: each save moves it.</summary>
    public int Version { get; set; }
}

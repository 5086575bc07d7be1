using System.ComponentModel;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Requests;

/// <summary>What a request asks for, picked from the question: a listed tool for a task, or a tool that is not listed.</summary>
public enum UseRequestKind
{
    /// <summary>A use of a listed tool for a task: approved, it becomes a proposed workflow.</summary>
    [Description("Proposed workflow")] Workflow,
    /// <summary>A tool that is not in the register: approved, it becomes a proposed tool.</summary>
    [Description("Proposed tool")] Tool,
}

public enum UseRequestStatus
{
    [Description("Open")] Open,
    [Description("Approved")] Approved,
    [Description("Declined")] Declined,
    [Description("Withdrawn")] Withdrawn,
}

/// <summary>
/// "Ask for this use": a question the checker answered "not allowed" or "allowed with conditions", turned by the person who
/// asked it into a request, with their own words on why they need it. The managers of their department and compliance
/// decide: approved, it becomes a proposed workflow (or a proposed tool) that goes through the normal approval.
/// </summary>
public class UseRequest
{
    public const int ReasonMaxLength = 1000;
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }
    public UseRequestKind Kind { get; set; }
    public UseRequestStatus Status { get; set; }
    public string AskedById { get; set; } = "";
    public string AskedByName { get; set; } = "";
    public DateTime AskedAt { get; set; }
    public int DepartmentId { get; set; }

    // The question, as the checker took it.
    /// <summary>The listed tool asked about; null for a tool that is not listed (<see cref="ToolName"/> then names it).</summary>
    public int? ToolId { get; set; }
    public string ToolName { get; set; } = "";
    /// <summary>The vendor of a tool that is not listed, as far as the asker knows it.</summary>
    public string ToolVendor { get; set; } = "";
    public UsageTask Task { get; set; }
    public string? TaskDescription { get; set; }
    public int ClassificationId { get; set; }
    public DataCategories DataCategories { get; set; }
    public Audience Audience { get; set; }
    public bool DecidesAboutPeople { get; set; }
    /// <summary>The checker's answer when the request was made.</summary>
    public Verdict Verdict { get; set; }

    /// <summary>The asker's own words: why they need this use.</summary>
    public string Reason { get; set; } = "";

    public string DecisionNote { get; set; } = "";
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>The proposed workflow an approval created.</summary>
    public int? WorkflowId { get; set; }
    /// <summary>The proposed tool an approval created.</summary>
    public int? CreatedToolId { get; set; }

    public int Version { get; set; }
}

using System.ComponentModel;

namespace AiPolicyHub.Core.Inventory;

public enum ProposalState
{
    [Description("Awaiting compliance")] Pending,
    [Description("Accepted")] Accepted,
    [Description("Rejected")] Rejected,
}

/// <summary>
/// A manager's change to a tool that compliance has decided on (approved, approved with restrictions, prohibited). What staff
/// read about such a tool is compliance's word, so the change waits here, visible on the tool page, until a compliance officer
/// or administrator accepts it (then it is saved as theirs) or rejects it; the tool keeps its decided text meanwhile.
/// </summary>
public class ToolChangeProposal
{
    public int Id { get; set; }
    public int ToolId { get; set; }
    /// <summary>The tool's version the change was made on: accepting it after the tool changed again is a conflict.</summary>
    public int BaseVersion { get; set; }
    /// <summary>The whole proposed form, as JSON.</summary>
    public string FormJson { get; set; } = "{}";
    /// <summary>What it changes, in the words of the tool page (field changes as JSON, as the audit trail stores them).</summary>
    public string ChangesJson { get; set; } = "[]";
    public string ProposedById { get; set; } = "";
    public string ProposedByName { get; set; } = "";
    public DateTime ProposedAt { get; set; }
    public ProposalState State { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public int Version { get; set; }
}

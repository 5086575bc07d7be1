using System.ComponentModel;

namespace AiPolicyHub.Core.Incidents;

public enum IncidentSeverity
{
    [Description("Low")] Low,
    [Description("Medium")] Medium,
    [Description("High")] High,
    [Description("Critical")] Critical,
}

public enum IncidentCategory
{
    [Description("Wrong output reached a customer")] WrongOutputReachedCustomer,
    [Description("Data leak")] DataLeak,
    [Description("Bias complaint")] BiasComplaint,
    [Description("Security finding")] SecurityFinding,
    [Description("Model or vendor change")] ModelOrVendorChange,
    [Description("Misuse")] Misuse,
    [Description("Other")] Other,
}

public enum IncidentStatus
{
    [Description("Reported")] Reported,
    [Description("Under investigation")] Investigating,
    [Description("Resolved")] Resolved,
    [Description("Closed without action")] Closed,
}

/// <summary>Something that went wrong with a use of AI, reported against a workflow or a tool, and triaged.</summary>
public class Incident
{
    public int Id { get; set; }
    /// <summary>The workflow it happened in; null when it is about a tool as a whole.</summary>
    public int? WorkflowId { get; set; }
    public int? ToolId { get; set; }
    public string Title { get; set; } = "";
    public string WhatHappened { get; set; } = "";
    /// <summary>When it happened (UTC), as the reporter knows it.</summary>
    public DateTime OccurredAt { get; set; }
    public IncidentSeverity Severity { get; set; }
    public IncidentCategory Category { get; set; }
    public IncidentStatus Status { get; set; }
    public string RootCause { get; set; } = "";
    public string Actions { get; set; } = "";
    public string ReportedById { get; set; } = "";
    public string ReportedByName { get; set; } = "";
    public DateTime ReportedAt { get; set; }
    public int Version { get; set; }

    // EU AI Act Art. 73 (Obligations/SeriousIncidents): set only through SeriousIncidents.
    /// <summary>Null unless it was classified as a serious incident.</summary>
    public Obligations.SeriousIncidentKind? SeriousKind { get; set; }
    /// <summary>The day the organisation became aware it is a serious incident: the Art. 73 clock starts there.</summary>
    public DateOnly? AwareOn { get; set; }
}

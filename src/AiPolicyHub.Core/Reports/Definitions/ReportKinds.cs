using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>The reports AiPolicyHub produces.</summary>
public enum ReportKind
{
    RiskRegister,
    UsagePolicy,
    WorkflowAssessment,
    ToolRegister,
    QuickReference,
}

/// <summary>Names and addresses of the report kinds, and who may generate each.</summary>
public static class ReportKinds
{
    public static IReadOnlyList<ReportKind> All { get; } = Enum.GetValues<ReportKind>();

    public static string Title(ReportKind kind) => kind switch
    {
        ReportKind.RiskRegister => "AI risk register",
        ReportKind.UsagePolicy => "AI usage policy",
        ReportKind.WorkflowAssessment => "Workflow assessment sheet",
        ReportKind.ToolRegister => "AI tool register",
        ReportKind.QuickReference => "Staff quick reference",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The name in URLs and file names, e.g. "risk-register".</summary>
    public static string Slug(ReportKind kind) => kind switch
    {
        ReportKind.RiskRegister => "risk-register",
        ReportKind.UsagePolicy => "usage-policy",
        ReportKind.WorkflowAssessment => "workflow",
        ReportKind.ToolRegister => "tool-register",
        ReportKind.QuickReference => "quick-reference",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// What a generated report is saved as: its name and the day it was generated (UTC), e.g. "risk-register-2026-12-03.pdf",
    /// "workflow-12-assessment-2026-12-03.pdf". The report id is printed in the PDF.
    /// </summary>
    public static string FileName(ReportKind kind, DateTimeOffset generatedAt, int? workflowId = null)
    {
        var day = generatedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return kind == ReportKind.WorkflowAssessment && workflowId is { } id
            ? $"workflow-{id}-assessment-{day}.pdf"
            : $"{Slug(kind)}-{day}.pdf";
    }

    public static ReportKind? FromSlug(string? slug) => All.Cast<ReportKind?>().FirstOrDefault(k => Slug(k!.Value) == slug);

    /// <summary>Staff and managers may generate what they must follow; the registers and sheets are for compliance and administrators.</summary>
    public static bool IsForEveryone(ReportKind kind) => kind is ReportKind.UsagePolicy or ReportKind.QuickReference;
}

/// <summary>The register's filters; null means "all".</summary>
public sealed record ReportFilters(int? DepartmentId = null, RiskTier? Tier = null, WorkflowStatus? Status = null)
{
    public static ReportFilters None { get; } = new();

    public bool IsEmpty => DepartmentId is null && Tier is null && Status is null;
}

/// <summary>Who asked for a report, when, under which id: everything the metadata needs besides the data.</summary>
public sealed record ReportStamp(string OrganisationName, string ReportId, DateTimeOffset GeneratedAt, string GeneratedBy)
{
    public ReportMetadata Metadata(string title, string subject, string filtersText, ReportFingerprint fingerprint) =>
        new(title, subject, OrganisationName, OrganisationName, ReportId, GeneratedAt, GeneratedBy, filtersText, fingerprint.Compute());

    public DateOnly Today => DateOnly.FromDateTime(GeneratedAt.UtcDateTime);
}

public static class ReportMetadataFacts
{
    /// <summary>The generation facts as a block, for reports without a cover (where the cover would show them).</summary>
    public static KeyValueBlock GenerationFacts(this ReportMetadata metadata)
    {
        var facts = new List<KeyValueItem>
        {
            new("Report ID", metadata.ReportId),
            new("Generated", metadata.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) + " by " + metadata.GeneratedBy),
        };
        if (metadata.FiltersText != "None")
        {
            facts.Add(new("Filters", metadata.FiltersText));
        }
        facts.Add(new("Data fingerprint", metadata.Fingerprint));
        return new KeyValueBlock(facts);
    }
}

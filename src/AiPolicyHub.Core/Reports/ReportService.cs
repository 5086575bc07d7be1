using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Reports.Pdf;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reports;

/// <summary>What is printed in every report's header; from configuration (<c>Reports:OrganisationName</c>).</summary>
public sealed record ReportOptions(string OrganisationName = "AiPolicyHub")
{
    public const string Section = "Reports";
}

/// <summary>
/// Which report, for what: <paramref name="WorkflowId"/> for the assessment sheet, <paramref name="Filters"/> for the register,
/// <paramref name="PolicyVersion"/> for a published version of the usage policy other than the latest.
/// </summary>
public sealed record ReportRequest(ReportKind Kind, ReportFilters? Filters = null, int? WorkflowId = null, int? PolicyVersion = null);

public enum ReportRefusal
{
    None,
    NotSignedIn,
    Forbidden,
    NotFound,
}

/// <summary>A built report, with the PDF when one was asked for; or why there is none.</summary>
public sealed record ReportOutcome(ReportRefusal Refusal, string Message, ReportDocument? Document = null, byte[]? Pdf = null)
{
    public bool Succeeded => Refusal == ReportRefusal.None;

    /// <summary>What the download is saved as: the report's name and date, e.g. "risk-register-2026-12-03.pdf" (the id is printed inside).</summary>
    public string FileName { get; init; } = "report.pdf";
}

/// <summary>
/// How big the risk register would be with these filters, before it is built: the workflows it lists and a page estimate.
/// <paramref name="IsLarge"/> when it is worth asking the person to filter first.
/// </summary>
public sealed record RegisterEstimate(int Workflows, int Pages, bool IsLarge);

/// <summary>One recorded generation, from the audit trail.</summary>
public sealed record ReportRecord(string ReportId, string Title, string Filters, string Fingerprint, DateTime At, string GeneratedBy);

/// <summary>Whether a fingerprint someone read from a PDF matches the generation recorded under its report id.</summary>
public sealed record FingerprintCheck(bool Matches, string Message, ReportRecord? Record);

/// <summary>
/// Builds reports for a user, after checking on the server that their role may have them (compliance officers and
/// administrators: every report; everyone signed in: the policy and the quick reference), renders them as PDF and
/// records every generation in the audit trail, where the report history and the fingerprint check read them.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<AppDbContext> contexts, RuleSettingsStore ruleSettings, ToolDirectory toolDirectory, AuditTrail audit,
    TimeProvider clock, ReportOptions options)
{
    public const string EntityType = "Report";
    public const string NotAllowed = "Only compliance officers and administrators can generate this report.";
    private readonly PdfReportRenderer renderer = new();

    /// <summary>Builds the report for an in-browser preview: not rendered to PDF and not recorded.</summary>
    public Task<ReportOutcome> PreviewAsync(ClaimsPrincipal principal, ReportRequest request, CancellationToken cancellationToken = default) =>
        BuildAsync(principal, request, record: false, cancellationToken);

    /// <summary>Builds the report, renders the PDF and records the generation in the audit trail.</summary>
    public async Task<ReportOutcome> GenerateAsync(ClaimsPrincipal principal, ReportRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.AppTelemetry.Source.StartActivity("report " + request.Kind);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await BuildAsync(principal, request, record: true, cancellationToken);
        KeyValuePair<string, object?>[] tags = [new("kind", request.Kind.ToString()), new("outcome", outcome.Succeeded ? "generated" : "refused")];
        Telemetry.AppTelemetry.Reports.Add(1, tags);
        Telemetry.AppTelemetry.ReportDuration.Record(watch.Elapsed.TotalSeconds, tags);
        return outcome;
    }

    private async Task<ReportOutcome> BuildAsync(ClaimsPrincipal principal, ReportRequest request, bool record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return new ReportOutcome(ReportRefusal.NotSignedIn, "Sign in to generate reports.");
        }
        if (!ReportKinds.IsForEveryone(request.Kind) && !actor.IsComplianceOrAdmin)
        {
            return new ReportOutcome(ReportRefusal.Forbidden, NotAllowed);
        }
        var now = clock.GetUtcNow();
        var stamp = new ReportStamp(options.OrganisationName, record ? NewReportId(now) : "PREVIEW", now, actor.Name);
        var settings = await ruleSettings.LoadAsync(db, cancellationToken);
        ReportDocument? document = request.Kind switch
        {
            ReportKind.RiskRegister => await RiskRegisterReport.BuildAsync(db, settings, stamp, request.Filters ?? ReportFilters.None, cancellationToken),
            ReportKind.WorkflowAssessment => request.WorkflowId is { } id ? await WorkflowAssessmentReport.BuildAsync(db, settings, stamp, id, cancellationToken) : null,
            ReportKind.ToolRegister => await ToolRegisterReport.BuildAsync(db, stamp, cancellationToken),
            ReportKind.UsagePolicy => await UsagePolicyAsync(db, principal, stamp, settings, request.PolicyVersion, cancellationToken),
            ReportKind.QuickReference => QuickReferenceReport.Build(stamp, (await toolDirectory.ListAsync(principal, null, cancellationToken)).Tools, new RuleEngine(settings)),
            _ => null,
        };
        if (document is null)
        {
            return new ReportOutcome(ReportRefusal.NotFound, request.Kind == ReportKind.UsagePolicy ? "There is no such policy version." : "There is no such workflow.");
        }
        if (!record)
        {
            return new ReportOutcome(ReportRefusal.None, "", document);
        }

        var pdf = renderer.Render(document);
        var metadata = document.Metadata;
        await RecordGenerationAsync(db, audit, actor, metadata, cancellationToken);
        return new ReportOutcome(ReportRefusal.None, "", document, pdf) { FileName = ReportKinds.FileName(request.Kind, now, request.WorkflowId) };
    }

    /// <summary>
    /// Records a generation in the report history (the audit trail), where <see cref="HistoryAsync"/> lists it and
    /// <see cref="CheckAsync"/> checks a fingerprint against it: every generated report and export goes through here.
    /// </summary>
    internal static async Task RecordGenerationAsync(AppDbContext db, AuditTrail audit, Actor actor, ReportMetadata metadata, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, metadata.ReportId, metadata.Title, AuditAction.Created,
            [
                new FieldChange("Report", null, metadata.Title),
                new FieldChange("Filters", null, metadata.FiltersText),
                new FieldChange("Fingerprint", null, metadata.Fingerprint),
            ], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The size of the register these filters would build, counted in the database without building it; null when the
    /// user may not have the register.
    /// </summary>
    public async Task<RegisterEstimate?> EstimateRegisterAsync(ClaimsPrincipal principal, ReportFilters filters, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return null;
        }
        var workflows = await RiskRegisterReport.Filtered(db, filters).CountAsync(cancellationToken);
        var pages = RiskRegisterReport.EstimatedPages(workflows);
        return new RegisterEstimate(workflows, pages, pages > RiskRegisterReport.LargePages);
    }

    /// <summary>The latest published policy version (or <paramref name="version"/>) as frozen; the live draft while none is published.</summary>
    private async Task<ReportDocument?> UsagePolicyAsync(AppDbContext db, ClaimsPrincipal principal, ReportStamp stamp, RuleSettings settings, int? version,
        CancellationToken cancellationToken)
    {
        var mayReadDraft = await Actor.FindAsync(db, principal, cancellationToken) is { IsComplianceOrAdmin: true };
        var edition = await Policies.PolicyDocuments.EditionAsync(db, version, options.OrganisationName,
            async () => (await toolDirectory.ListAsync(principal, null, cancellationToken)).Tools, new RuleEngine(settings).EnabledRules,
            mayReadDraft, cancellationToken);
        return edition is { } e ? UsagePolicyReport.Build(stamp, e.Content, e.Version, e.Fingerprint) : null;
    }

    /// <summary>Past generations, newest first: all of them for compliance and administrators, one's own for others.</summary>
    public async Task<IReadOnlyList<ReportRecord>> HistoryAsync(ClaimsPrincipal principal, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return [];
        }
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.EntityType == EntityType);
        if (!actor.IsComplianceOrAdmin)
        {
            entries = entries.Where(e => e.UserId == actor.UserId);
        }
        return [.. (await entries.OrderByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken)).Select(RecordOf)];
    }

    /// <summary>Checks a fingerprint read from a PDF against the generation recorded under <paramref name="reportId"/>; anyone signed in may ask.</summary>
    public async Task<FingerprintCheck> CheckAsync(ClaimsPrincipal principal, string reportId, string fingerprint, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return new FingerprintCheck(false, "Sign in to check a report.", null);
        }
        reportId = reportId.Trim();
        fingerprint = fingerprint.Trim();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == EntityType && e.EntityId == reportId).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return new FingerprintCheck(false, $"No report with the id “{reportId}” was generated here.", null);
        }
        var recorded = RecordOf(entry);
        return string.Equals(recorded.Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase)
            ? new FingerprintCheck(true, $"The fingerprint matches “{recorded.Title}” generated by {recorded.GeneratedBy} on {recorded.At:yyyy-MM-dd HH:mm} UTC.", recorded)
            : new FingerprintCheck(false, $"The fingerprint does not match the one recorded for {reportId}: the report was altered or comes from other data.", recorded);
    }

    private static ReportRecord RecordOf(AuditEntry entry)
    {
        var changes = AuditTrail.ChangesOf(entry).ToDictionary(c => c.Field, c => c.After ?? "");
        return new ReportRecord(entry.EntityId, changes.GetValueOrDefault("Report", entry.EntityName), changes.GetValueOrDefault("Filters", ""),
            changes.GetValueOrDefault("Fingerprint", ""), entry.At, entry.UserName);
    }

    /// <summary>"RPT-20261122-093012-3F9A1C": readable, sortable by time, and unique without a counter that would need a lock.</summary>
    internal static string NewReportId(DateTimeOffset now) =>
        $"RPT-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3))}";
}

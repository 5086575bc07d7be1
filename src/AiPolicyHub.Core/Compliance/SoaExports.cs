using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Reports.Pdf;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Compliance;

public enum SoaExportFormat
{
    Pdf,
    Xlsx,
}

/// <summary>An exported statement, or why there is none.</summary>
public sealed record SoaExport(ReportRefusal Refusal, string Message, byte[]? Content = null, string FileName = "", string ContentType = "",
    ReportMetadata? Metadata = null)
{
    public bool Succeeded => Refusal == ReportRefusal.None;
}

/// <summary>
/// Exports the Statement of Applicability — the working statement, or any published version — as PDF (the report pipeline)
/// or XLSX, for compliance officers and administrators; each export carries a report id and the data fingerprint and is
/// recorded in the report history like every report.
/// </summary>
public sealed class SoaExports(IDbContextFactory<AppDbContext> contexts, StatementOfApplicability statement, AuditTrail audit, TimeProvider clock,
    ReportOptions options)
{
    private readonly PdfReportRenderer renderer = new();

    /// <param name="version">A published version; null for the working statement as it is now.</param>
    public async Task<SoaExport> ExportAsync(ClaimsPrincipal principal, SoaExportFormat format, int? version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return new SoaExport(ReportRefusal.NotSignedIn, "Sign in to export the Statement of Applicability.");
        }
        if (!actor.IsComplianceOrAdmin)
        {
            return new SoaExport(ReportRefusal.Forbidden, StatementOfApplicability.NotAllowed);
        }
        if (await statement.EditionAsync(db, version, preferPublished: false, cancellationToken) is not { } edition)
        {
            return new SoaExport(ReportRefusal.NotFound, "There is no such version of the Statement of Applicability.");
        }
        var now = clock.GetUtcNow();
        var stamp = new ReportStamp(options.OrganisationName, ReportService.NewReportId(now), now, actor.Name);
        var (content, metadata) = Render(stamp, edition, format, renderer);
        await ReportService.RecordGenerationAsync(db, audit, actor, metadata, cancellationToken);
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"statement-of-applicability{(edition.Version is { } v ? $"-v{v.Number}" : "")}-{day}.{(format == SoaExportFormat.Pdf ? "pdf" : "xlsx")}";
        return new SoaExport(ReportRefusal.None, "", content, name, format == SoaExportFormat.Pdf ? "application/pdf" : SoaReport.XlsxContentType, metadata);
    }

    /// <summary>The statement rendered in <paramref name="format"/>, with the metadata (id, fingerprint) it carries.</summary>
    internal static (byte[] Content, ReportMetadata Metadata) Render(ReportStamp stamp, SoaEdition edition, SoaExportFormat format, PdfReportRenderer renderer)
    {
        var document = SoaReport.Build(stamp, edition);
        if (format == SoaExportFormat.Pdf)
        {
            return (renderer.Render(document), document.Metadata);
        }
        using var buffer = new MemoryStream();
        SoaReport.WriteXlsx(buffer, edition, document.Metadata);
        return (buffer.ToArray(), document.Metadata);
    }
}

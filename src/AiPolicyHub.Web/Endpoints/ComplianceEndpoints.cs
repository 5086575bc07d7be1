using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Compliance.AuditPack;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Web.Endpoints.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints;

/// <summary>
/// Downloads of the compliance exports, for compliance officers and administrators (the services decide; a refusal is a
/// plain 403): <c>GET /compliance/soa.pdf</c> and <c>/compliance/soa.xlsx</c> (<c>?version=N</c> for a published version,
/// the working statement without), and <c>GET /compliance/audit-pack.zip?from=&amp;to=&amp;files=true</c>. They count in the
/// reports' rate limit per user.
/// </summary>
public static class ComplianceEndpoints
{
    public const string Prefix = "/compliance";
    public const string AuditPackPath = Prefix + "/audit-pack.zip";

    public static string SoaPath(SoaExportFormat format, int? version = null) =>
        $"{Prefix}/soa.{(format == SoaExportFormat.Pdf ? "pdf" : "xlsx")}" + (version is { } v ? $"?version={v}" : "");

    /// <summary>Whether a request is one of these downloads (the rate limiter counts them with the reports).</summary>
    public static bool IsDownload(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Prefix)
        && (context.Request.Path.Value ?? "") is var path
        && (path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase));

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization();
        group.MapGet("/soa.pdf", ([QueryRange(1, int.MaxValue)] int? version, HttpContext context, SoaExports exports, CancellationToken ct) =>
            SoaAsync(context, exports, SoaExportFormat.Pdf, version, ct));
        group.MapGet("/soa.xlsx", ([QueryRange(1, int.MaxValue)] int? version, HttpContext context, SoaExports exports, CancellationToken ct) =>
            SoaAsync(context, exports, SoaExportFormat.Xlsx, version, ct));
        group.MapGet("/audit-pack.zip", AuditPackAsync);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, NotFound>> SoaAsync(HttpContext context, SoaExports exports,
        SoaExportFormat format, int? version, CancellationToken cancellationToken)
    {
        var export = await exports.ExportAsync(context.User, format, version, cancellationToken);
        if (export.Metadata is { } metadata)
        {
            context.Response.Headers[ReportEndpoints.ReportIdHeader] = metadata.ReportId;
        }
        return export.Refusal switch
        {
            ReportRefusal.None => TypedResults.File(export.Content!, export.ContentType, export.FileName),
            ReportRefusal.NotFound => TypedResults.NotFound(),
            ReportRefusal.NotSignedIn => TypedResults.Problem(export.Message, statusCode: StatusCodes.Status401Unauthorized),
            _ => TypedResults.Problem(export.Message, statusCode: StatusCodes.Status403Forbidden),
        };
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> AuditPackAsync(DateOnly? from, DateOnly? to, bool? files,
        HttpContext context, AuditPacks packs, CancellationToken cancellationToken)
    {
        // Written to a temporary file first, so a refusal or a failure half-way is an answer, not a cut-off download, and
        // evidence files of any size never sit in memory together.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var outcome = await packs.WriteAsync(context.User, new AuditPackRequest(from, to, files ?? false), temp, cancellationToken);
            if (!outcome.Succeeded)
            {
                await temp.DisposeAsync();
                return TypedResults.Problem(outcome.Message, statusCode: outcome.Refusal switch
                {
                    ReportRefusal.NotSignedIn => StatusCodes.Status401Unauthorized,
                    ReportRefusal.Forbidden => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status400BadRequest,
                });
            }
            context.Response.Headers[ReportEndpoints.ReportIdHeader] = outcome.PackId;
            temp.Position = 0;
            return TypedResults.File(temp, "application/zip", outcome.FileName);
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }
}

using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Web.Endpoints.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints;

/// <summary>
/// PDF downloads: <c>GET /reports/{kind}.pdf</c> (the register takes <c>?department=&amp;tier=&amp;status=</c>) and
/// <c>GET /reports/workflow/{id}.pdf</c>; the usage policy takes <c>?version=</c> for a published version other than the latest. Signed-in users only; <see cref="ReportService"/> decides per report who may
/// have it, and a refusal is a plain 403 (not a redirect), so scripts see it for what it is.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/reports").RequireAuthorization().MapReportDownloads();
        return app;
    }

    /// <summary>The download routes (the PDFs and the AI bill of materials <c>ai-bom.json</c>) on <paramref name="reports"/> (also the REST API's <c>/api/v1/reports</c>).</summary>
    public static RouteGroupBuilder MapReportDownloads(this RouteGroupBuilder reports)
    {
        reports.MapGet("/workflow/{id:int}.pdf", (int id, HttpContext context, ReportService service, CancellationToken ct) =>
                DownloadAsync(context, service, new ReportRequest(ReportKind.WorkflowAssessment, WorkflowId: id), ct))
            .WithSummary("The one-workflow assessment sheet as PDF (compliance officers and administrators).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status403Forbidden);
        reports.MapGet("/ai-bom.json", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (HttpContext context, AiBillOfMaterials bom, CancellationToken ct) =>
            {
                var outcome = await bom.ExportAsync(context.User, ct);
                if (!outcome.Succeeded)
                {
                    return TypedResults.Problem(outcome.Message, statusCode: outcome.Refusal == ReportRefusal.NotSignedIn ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
                }
                context.Response.Headers[ReportIdHeader] = outcome.SerialNumber;
                return TypedResults.File(outcome.Json!, AiBillOfMaterials.ContentType, outcome.FileName);
            })
            .WithSummary("The AI bill of materials as CycloneDX 1.6 JSON: AI tools and their models, agents and connectors with their relations "
                + "(compliance officers and administrators); recorded in the report history under its serial number.")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.cyclonedx+json").ProducesProblem(StatusCodes.Status403Forbidden);
        reports.MapGet("/{kind}.pdf", (string kind, [QueryRange(1, int.MaxValue)] int? department, RiskTier? tier, WorkflowStatus? status, [QueryRange(1, int.MaxValue)] int? version, HttpContext context, ReportService service,
            CancellationToken ct) => ReportKinds.FromSlug(kind) is { } known && known != ReportKind.WorkflowAssessment
                ? DownloadAsync(context, service, new ReportRequest(known, new ReportFilters(department, tier, status), PolicyVersion: version), ct)
                : Task.FromResult<Results<FileContentHttpResult, ProblemHttpResult, NotFound>>(TypedResults.NotFound()))
            .WithSummary("A report as PDF: risk-register (?department=&tier=&status=) and tool-register for compliance officers and administrators; "
                + "usage-policy (?version= for a published version) and quick-reference for everyone.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status403Forbidden);
        return reports;
    }

    /// <summary>Response header carrying the generated report's id (RPT-…), the key of its entry in the report history.</summary>
    public const string ReportIdHeader = "X-Report-Id";

    /// <summary>The address of a report's PDF, with the register's filters.</summary>
    public static string PathOf(ReportKind kind, ReportFilters? filters = null, int? workflowId = null)
    {
        if (kind == ReportKind.WorkflowAssessment)
        {
            return $"/reports/workflow/{workflowId}.pdf";
        }
        var query = new List<string>();
        if (kind == ReportKind.RiskRegister && filters is not null)
        {
            if (filters.DepartmentId is { } d) query.Add($"department={d}");
            if (filters.Tier is { } t) query.Add($"tier={t}");
            if (filters.Status is { } s) query.Add($"status={s}");
        }
        return $"/reports/{ReportKinds.Slug(kind)}.pdf" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, NotFound>> DownloadAsync(
        HttpContext context, ReportService service, ReportRequest request, CancellationToken cancellationToken)
    {
        var outcome = await service.GenerateAsync(context.User, request, cancellationToken);
        if (outcome.Document is { } document)
        {
            // The file is named after the report and its date; scripts find the id (printed in the PDF) here too.
            context.Response.Headers[ReportIdHeader] = document.Metadata.ReportId;
        }
        return outcome.Refusal switch
        {
            ReportRefusal.None => TypedResults.File(outcome.Pdf!, "application/pdf", outcome.FileName),
            ReportRefusal.NotFound => TypedResults.NotFound(),
            ReportRefusal.NotSignedIn => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status401Unauthorized),
            _ => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        };
    }
}

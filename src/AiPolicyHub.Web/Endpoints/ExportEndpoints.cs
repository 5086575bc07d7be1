using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Web.Endpoints;

/// <summary>
/// Downloads of the lists: <c>GET /export/workflows.{csv|xlsx|json}</c> with the workflow list's own filter parameters
/// (<c>q, department, status, stage, level, tier, likelihood, impact, retired, overdue, sort, desc</c>, and <c>ids</c> for a selection) and
/// <c>GET /export/tools.{csv|xlsx|json}?retired=true</c>, <c>GET /export/agents.{csv|xlsx|json}?retired=true</c>. Signed-in users only, checked again by the exporter.
/// The file is written to a temporary file first (the workbook format needs to seek), then streamed.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/export").RequireAuthorization();
        export.MapGet("/workflows.{format}", async (string format, HttpContext context, InventoryExporter exporter, TimeProvider clock, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var kind)) return Results.NotFound();
            var query = WorkflowQuery(context.Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            return await FileAsync(kind, output => exporter.ExportWorkflowsAsync(context.User, query, kind, output, ct));
        });
        export.MapGet("/tools.{format}", async (string format, bool? retired, HttpContext context, InventoryExporter exporter, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var kind)) return Results.NotFound();
            return await FileAsync(kind, output => exporter.ExportToolsAsync(context.User, retired == true, kind, output, ct));
        });
        export.MapGet("/agents.{format}", async (string format, bool? retired, HttpContext context, InventoryExporter exporter, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var kind)) return Results.NotFound();
            return await FileAsync(kind, output => exporter.ExportAgentsAsync(context.User, retired == true, kind, output, ct));
        });
        return app;
    }

    /// <summary>The list's query from the same parameters the list page keeps in its address; every page of it.</summary>
    public static WorkflowListQuery WorkflowQuery(IQueryCollection q, DateOnly today) => new(
        Search: q["q"].FirstOrDefault(),
        DepartmentId: int.TryParse(q["department"], out var d) ? d : null,
        Status: Enum.TryParse<WorkflowStatus>(q["status"], out var s) ? s : null,
        Stage: Enum.TryParse<LifecycleStage>(q["stage"], out var st) ? st : null,
        ClassificationId: int.TryParse(q["level"], out var l) ? l : null,
        IncludeRetired: bool.TryParse(q["retired"], out var r) && r,
        Sort: q["sort"].FirstOrDefault() switch
        {
            "Department" => WorkflowSort.Department,
            "Stage" => WorkflowSort.Stage,
            "Status" => WorkflowSort.Status,
            "Classification" => WorkflowSort.Classification,
            "Autonomy" => WorkflowSort.Autonomy,
            "Audience" => WorkflowSort.Audience,
            "NextReviewDate" => WorkflowSort.NextReview,
            "RiskScore" => WorkflowSort.RiskScore,
            "RiskTier" => WorkflowSort.RiskTier,
            _ => WorkflowSort.Name,
        },
        Descending: bool.TryParse(q["desc"], out var desc) && desc,
        Tier: Enum.TryParse<RiskTier>(q["tier"], out var t) ? t : null,
        RiskLikelihood: int.TryParse(q["likelihood"], out var li) ? li : null,
        RiskImpact: int.TryParse(q["impact"], out var im) ? im : null,
        ReviewOverdueOn: bool.TryParse(q["overdue"], out var o) && o ? today : null,
        // A selection on the list: "ids=3,17,42".
        Ids: q["ids"].FirstOrDefault() is { Length: > 0 } ids
            ? [.. ids.Split(',').Select(id => int.TryParse(id, out var n) ? n : 0).Where(n => n > 0).Take(WorkflowInventory.MaxSelection)]
            : null);

    private static async Task<IResult> FileAsync(ExportFormat format, Func<Stream, Task<AiPolicyHub.Core.Result<string>>> write)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var result = await write(file);
        if (!result.Succeeded)
        {
            await file.DisposeAsync();
            return Results.Problem(string.Join(" ", result.Errors), statusCode: StatusCodes.Status403Forbidden);
        }
        file.Position = 0;
        return Results.File(file, TableWriter.ContentType(format), result.Value);
    }
}

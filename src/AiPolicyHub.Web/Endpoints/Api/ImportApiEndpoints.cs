using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

public sealed record ImportPresetResource(string Name, ImportTarget Target, bool BuiltIn, string? Description);

/// <summary>
/// <c>/api/v1/imports</c>: a file in the request body, imported with a named preset (built in, or saved on the import page)
/// by <see cref="InventoryImporter"/> — the same checks per row and the same all-or-nothing transaction as the import page.
/// </summary>
public static class ImportApiEndpoints
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/csv"] = ".csv",
        ["application/json"] = ".json",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
    };

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapGet("/presets", async (ImportTarget? target, ImportPresets presets, CancellationToken ct) =>
                TypedResults.Ok((await presets.ListAsync(target, ct)).Select(p => new ImportPresetResource(p.Name, p.Mapping.Target, p.BuiltIn, p.Description)).ToList()))
            .WithName("ListImportPresets").WithSummary("The mappings a file can be imported with: built-in ones and those saved on the import page.");
        imports.MapPost("/", StartAsync).WithName("StartImport")
            .WithSummary($"Imports the file in the body (CSV, XLSX or JSON, up to {ImportLimits.MaxFileBytes / 1024 / 1024} MB) with a preset: "
                + "every row or none. dryRun=true runs every check and reports the totals without writing; skipRejectedRows=true commits the valid rows.")
            .Accepts<Stream>("text/csv", "application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream")
            .Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static async Task<IResult> StartAsync(string? preset, string? fileName, bool? dryRun, bool? skipRejectedRows, HttpContext context,
        ImportPresets presets, InventoryImporter importer, CancellationToken ct)
    {
        var mapping = string.IsNullOrWhiteSpace(preset) ? null : await presets.FindAsync(preset.Trim(), ct);
        if (mapping is null)
        {
            var errors = new ValidationErrors();
            errors.Add("Preset", string.IsNullOrWhiteSpace(preset)
                ? "Name the preset to import with (?preset=…); GET /api/v1/imports/presets lists them."
                : $"There is no preset called “{preset}”; GET /api/v1/imports/presets lists them.");
            return ApiResults.ValidationProblem(errors);
        }
        if (context.Request.ContentLength > ImportLimits.MaxFileBytes)
        {
            return TooLarge(context.Request.ContentLength.Value);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Past the server's default; the importer refuses anything beyond its own limit with a message.
            limit.MaxRequestBodySize = ImportLimits.MaxFileBytes + 1;
        }
        var name = string.IsNullOrWhiteSpace(fileName)
            ? "api-upload" + Extensions.GetValueOrDefault(context.Request.ContentType?.Split(';')[0].Trim() ?? "", "")
            : Path.GetFileName(fileName.Trim());
        ImportReport report;
        try
        {
            report = await importer.ImportAsync(context.User, context.Request.Body, new ImportRequest
            {
                FileName = name,
                Mapping = mapping.Mapping,
                DryRun = dryRun ?? false,
                SkipRejectedRows = skipRejectedRows ?? false,
            }, cancellationToken: ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body sent without Content-Length (chunked) that goes past the limit: the server stops reading it.
            return TooLarge(null);
        }
        if (report.FileErrors.Contains(InventoryImporter.NotAllowed))
        {
            return TypedResults.Problem(InventoryImporter.NotAllowed, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        return report.Succeeded ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
    }

    private static ProblemHttpResult TooLarge(long? bytes) => TypedResults.Problem(
        (bytes is { } size ? $"The file is {size / 1024.0 / 1024.0:N1} MB; " : "The file is larger than the limit; ")
            + $"AiPolicyHub imports files up to {ImportLimits.MaxFileBytes / 1024 / 1024} MB. Split it, or import its rows in parts.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");
}

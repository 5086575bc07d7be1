using System.Text.Json.Nodes;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>A tool as the API returns it: the fields of the tool page, its id, the version to send back, and why it is paused (if it is).</summary>
public sealed record ToolResource(int Id, int Version, string Name, string Vendor, string ModelVersion, ToolDeployment Deployment,
    ToolCapabilities Capabilities, VendorTraining TrainsOnOurData, int? RetentionDays, string DataResidency, bool HasDataProcessingAgreement,
    int? MaxClassificationId, ToolApprovalStatus ApprovalStatus, string? OwnerId, string Notes, string? PausedReason) : IVersionedResource
{
    public static ToolResource From(int id, ToolForm f) => new(id, f.Version, f.Name, f.Vendor, f.ModelVersion, f.Deployment, f.Capabilities,
        f.TrainsOnOurData, f.RetentionDays, f.DataResidency, f.HasDataProcessingAgreement, f.MaxClassificationId, f.ApprovalStatus, f.OwnerId,
        f.Notes, f.PausedReason);
}

/// <summary>
/// <c>/api/v1/tools</c>: the list and one tool for every signed-in role; create and change through <see cref="ToolCatalog"/>,
/// with the tool page's validation, role checks and version check.
/// </summary>
public static class ToolApiEndpoints
{
    public static RouteGroupBuilder MapToolApi(this RouteGroupBuilder api)
    {
        var tools = api.MapGroup("/tools").WithTags("Tools");
        tools.MapGet("/", (bool? includeRetired, ToolCatalog catalog, CancellationToken ct) => catalog.ListAsync(includeRetired ?? false, cancellationToken: ct))
            .WithName("ListTools").WithSummary("Every AI tool by name; retired ones only with includeRetired=true.");
        tools.MapGet("/{id:int}", GetAsync).WithName("GetTool")
            .WithSummary("One tool; its ETag is the version to send back with a change.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tools.MapPost("/", CreateAsync).WithName("CreateTool")
            .Produces<ToolResource>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Records a tool (managers, compliance officers, administrators); a manager's tool starts as proposed.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        tools.MapPut("/{id:int}", UpdateAsync).WithName("UpdateTool")
            .Produces<ToolResource>()
            .WithSummary("Replaces a tool's fields. Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        tools.MapPatch("/{id:int}", PatchAsync).WithName("PatchTool")
            .Accepts<ToolForm>("application/merge-patch+json", "application/json").Produces<ToolResource>()
            .WithSummary("Changes only the fields in the body (a JSON merge patch: null clears a field), with the same checks as PUT. "
                + "Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        return api;
    }

    private static async Task<Results<Ok<ToolResource>, ProblemHttpResult>> GetAsync(int id, HttpContext context, ToolCatalog catalog, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is not { } form)
        {
            return ApiResults.NotFound("There is no tool with this id.");
        }
        ApiResults.SetETag(context, form.Version);
        return TypedResults.Ok(ToolResource.From(id, form));
    }

    private static async Task<IResult> CreateAsync(ToolForm tool, HttpContext context, ToolCatalog catalog, CancellationToken ct)
    {
        tool.Version = 0;
        var outcome = await catalog.SaveAsync(context.User, null, tool, cancellationToken: ct);
        return await ApiResults.SavedAsync(context, outcome, versionFromHeader: false,
            async id => ToolResource.From(id, (await catalog.GetAsync(id, ct))!), createdAt: "/api/v1/tools");
    }

    private static async Task<IResult> UpdateAsync(int id, ToolForm tool, HttpContext context, ToolCatalog catalog, CancellationToken ct)
    {
        if (ApiResults.ResolveVersion(context.Request, tool.Version, out var version, out var fromHeader) is { } unusable)
        {
            return unusable;
        }
        tool.Version = version;
        var outcome = await catalog.SaveAsync(context.User, id, tool, cancellationToken: ct);
        return await ApiResults.SavedAsync(context, outcome, fromHeader, async _ => ToolResource.From(id, (await catalog.GetAsync(id, ct))!));
    }

    private static async Task<IResult> PatchAsync(int id, JsonObject patch, HttpContext context, ToolCatalog catalog, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is not { } stored)
        {
            return ApiResults.NotFound("There is no tool with this id.");
        }
        // A value of the wrong type: 400 with the same problem as a PUT body that cannot be read.
        return ApiResults.Patched(context, stored, patch) is { } tool
            ? await UpdateAsync(id, tool, context, catalog, ct)
            : TypedResults.BadRequest();
    }
}

using System.Text.Json.Nodes;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>A connector as the API returns it: the fields of the connector page, its id, the version to send back, and why it is paused (if it is).</summary>
public sealed record ConnectorResource(int Id, int Version, string Name, ConnectorKind Kind, string Endpoint, string Vendor, string ToolsExposed,
    int? DataClassificationId, ToolApprovalStatus ApprovalStatus, string? OwnerId, string Notes, string? PausedReason) : IVersionedResource
{
    public static ConnectorResource From(int id, ConnectorForm f) => new(id, f.Version, f.Name, f.Kind, f.Endpoint, f.Vendor, f.ToolsExposed,
        f.DataClassificationId, f.ApprovalStatus, f.OwnerId, f.Notes, f.PausedReason);
}

/// <summary>
/// <c>/api/v1/connectors</c> (MCP servers and other tool servers): the list and one connector for every signed-in role; create,
/// change and pause through <see cref="ConnectorCatalog"/> and <see cref="PauseRegister"/>, the connector page's own steps —
/// managers propose connectors, compliance decides on them and pauses them (with every agent using them).
/// </summary>
public static class ConnectorApiEndpoints
{
    public const int MaxTake = 500;

    public static RouteGroupBuilder MapConnectorApi(this RouteGroupBuilder api)
    {
        var connectors = api.MapGroup("/connectors").WithTags("Connectors");
        connectors.MapGet("/", ListAsync).WithName("ListConnectors")
            .WithSummary($"Connectors by name, paged (take at most {MaxTake}), with how many agents use each; retired ones only with includeRetired=true.");
        connectors.MapGet("/{id:int}", GetAsync).WithName("GetConnector")
            .WithSummary("One connector; its ETag is the version to send back with a change.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        connectors.MapPost("/", CreateAsync).WithName("CreateConnector")
            .Produces<ConnectorResource>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Records a connector (managers, compliance officers, administrators); a manager's connector starts as proposed.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        connectors.MapPut("/{id:int}", UpdateAsync).WithName("UpdateConnector")
            .Produces<ConnectorResource>()
            .WithSummary("Replaces a connector's fields; approving, restricting, prohibiting it is compliance's. "
                + "Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        connectors.MapPatch("/{id:int}", PatchAsync).WithName("PatchConnector")
            .Accepts<ConnectorForm>("application/merge-patch+json", "application/json").Produces<ConnectorResource>()
            .WithSummary("Changes only the fields in the body (a JSON merge patch: null clears a field), with the same checks as PUT. "
                + "Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        connectors.MapPost("/{id:int}/pause", PauseAsync).WithName("PauseConnector")
            .Produces<ConnectorResource>().ProducesUpdateProblems()
            .WithSummary("Compliance's brake: the connector, every agent using it and the workflows relying on those are paused. "
                + "Send the version you read (If-Match or \"version\"). A restart needs a second officer: see /api/v1/pauses.");
        connectors.MapGet("/{id:int}/pauses", async (int id, HttpContext context, ConnectorCatalog catalog, PauseRegister pauses, CancellationToken ct) =>
                await catalog.GetAsync(id, ct) is null ? (IResult)ApiResults.NotFound("There is no connector with this id.")
                    : TypedResults.Ok(await pauses.ForConnectorAsync(context.User, id, ct)))
            .WithName("GetConnectorPauses").Produces<PauseRecord>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The connector's pauses, in force and past, with their restart conditions and versions.");
        return api;
    }

    private static async Task<Ok<PageResource<ConnectorListItem>>> ListAsync(bool? includeRetired, [QueryRange(0, int.MaxValue)] int? skip,
        [QueryRange(1, MaxTake)] int? take, ConnectorCatalog catalog, CancellationToken ct)
    {
        var all = await catalog.ListAsync(includeRetired ?? false, ct);
        var (from, count) = (Math.Max(0, skip ?? 0), Math.Clamp(take ?? 50, 1, MaxTake));
        return TypedResults.Ok(new PageResource<ConnectorListItem>([.. all.Skip(from).Take(count)], all.Count, from, count));
    }

    private static async Task<Results<Ok<ConnectorResource>, ProblemHttpResult>> GetAsync(int id, HttpContext context, ConnectorCatalog catalog,
        CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is not { } form)
        {
            return ApiResults.NotFound("There is no connector with this id.");
        }
        ApiResults.SetETag(context, form.Version);
        return TypedResults.Ok(ConnectorResource.From(id, form));
    }

    private static async Task<IResult> CreateAsync(ConnectorForm connector, HttpContext context, ConnectorCatalog catalog, CancellationToken ct)
    {
        connector.Version = 0;
        var outcome = await catalog.SaveAsync(context.User, null, Normalised(connector), ct);
        return await ApiResults.SavedAsync(context, outcome, versionFromHeader: false, id => ReloadAsync(catalog, id, ct), createdAt: "/api/v1/connectors");
    }

    private static async Task<IResult> UpdateAsync(int id, ConnectorForm connector, HttpContext context, ConnectorCatalog catalog, CancellationToken ct)
    {
        if (ApiResults.ResolveVersion(context.Request, connector.Version, out var version, out var fromHeader) is { } unusable)
        {
            return unusable;
        }
        connector.Version = version;
        var outcome = await catalog.SaveAsync(context.User, id, Normalised(connector), ct);
        return await ApiResults.SavedAsync(context, outcome, fromHeader, _ => ReloadAsync(catalog, id, ct));
    }

    private static async Task<IResult> PatchAsync(int id, JsonObject patch, HttpContext context, ConnectorCatalog catalog, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is not { } stored)
        {
            return ApiResults.NotFound("There is no connector with this id.");
        }
        return ApiResults.Patched(context, stored, patch) is { } connector
            ? await UpdateAsync(id, connector, context, catalog, ct)
            : TypedResults.BadRequest();
    }

    private static async Task<IResult> PauseAsync(int id, PauseRequest pause, HttpContext context, ConnectorCatalog catalog, PauseRegister pauses,
        CancellationToken ct)
    {
        if (ApiResults.ResolveVersion(context.Request, pause.Version, out var version, out var fromHeader) is { } unusable)
        {
            return unusable;
        }
        var outcome = await pauses.PauseConnectorAsync(context.User, id, version, pause.Reason ?? "", ct);
        return await ApiResults.SavedAsync(context, outcome, fromHeader, _ => ReloadAsync(catalog, id, ct));
    }

    private static async Task<ConnectorResource> ReloadAsync(ConnectorCatalog catalog, int id, CancellationToken ct) =>
        ConnectorResource.From(id, (await catalog.GetAsync(id, ct))!);

    private static ConnectorForm Normalised(ConnectorForm connector)
    {
        connector.Name ??= "";
        connector.Endpoint ??= "";
        connector.Vendor ??= "";
        connector.ToolsExposed ??= "";
        connector.Notes ??= "";
        return connector;
    }
}

using AiPolicyHub.Core;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

public sealed record MeResource(string Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<int> ManagedDepartmentIds);

public sealed record DepartmentResource(int Id, string Name);

public sealed record ClassificationLevelResource(int Id, int Rank, string Name, string Description);

/// <summary>The ids the inventory's fields refer to: departments, classification levels and the people who can own a record.</summary>
public sealed record LookupsResource(IReadOnlyList<DepartmentResource> Departments, IReadOnlyList<ClassificationLevelResource> ClassificationLevels,
    IReadOnlyList<Person> People);

/// <summary>
/// The REST API, <c>/api/v1</c>: API tokens only (<c>Authorization: Bearer …</c>; never the browser's session cookie), answers and
/// refusals as JSON (RFC 7807 problems), each use case checked on the server by the same Core services as the pages.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapRestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiRegistration.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/me", MeAsync).WithTags("Account").WithName("GetMe")
            .WithSummary("Who the token acts for, with the roles and departments that count now.");
        api.MapGet("/lookups", LookupsAsync).WithTags("Inventory").WithName("GetLookups")
            .WithSummary("Departments, classification levels and people, for the ids in tools and workflows.");
        api.MapToolApi();
        api.MapWorkflowApi();
        api.MapAgentApi().MapConnectorApi().MapPauseApi();
        api.MapImportApi();
        api.MapEvidenceApi();
        api.MapGroup("/reports").WithTags("Reports").MapReportDownloads();
        // Any other address or method under /api/v1: a 401, 404 or 405 problem from ApiProblemMiddleware, not the sign-in redirect.
        return app;
    }

    private static async Task<Results<Ok<MeResource>, UnauthorizedHttpResult>> MeAsync(HttpContext context, InventoryLookups lookups, CancellationToken ct) =>
        await lookups.ActorAsync(context.User, ct) is { } actor
            ? TypedResults.Ok(new MeResource(actor.UserId, actor.Name, [.. actor.Roles.Order()], [.. actor.DepartmentIds.Order()]))
            : TypedResults.Unauthorized();

    private static async Task<Ok<LookupsResource>> LookupsAsync(InventoryLookups lookups, CancellationToken ct)
    {
        var all = await lookups.LoadAsync(ct);
        return TypedResults.Ok(new LookupsResource(
            [.. all.Departments.Select(d => new DepartmentResource(d.Id, d.Name))],
            [.. all.Levels.Select(l => new ClassificationLevelResource(l.Id, l.Rank, l.Name, l.Description))],
            all.People));
    }
}

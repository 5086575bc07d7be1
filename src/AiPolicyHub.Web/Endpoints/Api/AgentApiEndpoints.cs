using System.Text.Json.Nodes;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>An agent as the API returns it: the fields of the agent page, its id and the version to send back when changing it.</summary>
public sealed record AgentResource(int Id, int Version, string Name, string Purpose, int? DepartmentId, string? OwnerId, int? ToolId,
    AgentPermissions Permissions, AgentAutonomy Autonomy, IReadOnlyList<int> ConnectorIds, IReadOnlyList<CheckpointForm> Checkpoints,
    IReadOnlyList<int> WorkflowIds, int? DataClassificationId, DateOnly? LastActivityOn, WorkflowStatus Status, OperatorRole OperatorRole) : IVersionedResource
{
    public static AgentResource From(int id, AgentForm f) => new(id, f.Version, f.Name, f.Purpose, f.DepartmentId, f.OwnerId, f.ToolId,
        f.Permissions, f.Autonomy, f.ConnectorIds, f.Checkpoints, f.WorkflowIds, f.DataClassificationId, f.LastActivityOn, f.Status, f.OperatorRole);
}

/// <summary>The filters and page of the agent list, as query parameters.</summary>
public sealed record AgentListParameters(string? Search, [QueryRange(1, int.MaxValue)] int? DepartmentId, WorkflowStatus? Status, bool? IncludeRetired,
    [QueryRange(0, int.MaxValue)] int? Skip, [QueryRange(1, AgentListParameters.MaxTake)] int? Take)
{
    public const int MaxTake = 500;

    public AgentListQuery ToQuery() => new(Search, DepartmentId, Status, IncludeRetired ?? false, Math.Max(0, Skip ?? 0), Math.Clamp(Take ?? 50, 1, MaxTake));
}

/// <summary>A step in an agent's approval: the version you read (or If-Match) and a comment (a rejection needs one).</summary>
public sealed record ApprovalStepRequest(string? Comment, int Version);

/// <summary>Why a record is paused (10 to 1,000 characters; staff are shown it); for a connector also the version you read (or If-Match).</summary>
public sealed record PauseRequest(string Reason, int Version);

/// <summary>When the agent last acted (yyyy-mm-dd).</summary>
public sealed record ActivityRequest(DateOnly On);

/// <summary>What a step on a pause came to: the pause's id, its version now, and what happened in words.</summary>
public sealed record StepOutcomeResource(int Id, int Version, string? Message);

/// <summary>
/// <c>/api/v1/agents</c>: the list (filtered and paged in the database, with each agent's findings and risk), one agent and
/// its pauses, for every signed-in role; create, change, submit, approve, reject, pause and record activity through
/// <see cref="AgentInventory"/> and <see cref="PauseRegister"/> — the agent page's own steps, with its role, department,
/// separation-of-duties, material-change and version checks.
/// </summary>
public static class AgentApiEndpoints
{
    public static RouteGroupBuilder MapAgentApi(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("/", ListAsync).WithName("ListAgents")
            .WithSummary($"Agents with their findings and risk, filtered and paged (take at most {AgentListParameters.MaxTake}); retired ones only with includeRetired=true.");
        agents.MapGet("/{id:int}", GetAsync).WithName("GetAgent")
            .WithSummary("One agent; its ETag is the version to send back with a change.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapPost("/", CreateAsync).WithName("CreateAgent")
            .Produces<AgentResource>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Records an agent (managers for their own departments, compliance officers, administrators); never as approved.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        agents.MapPut("/{id:int}", UpdateAsync).WithName("UpdateAgent")
            .Produces<AgentResource>()
            .WithSummary("Replaces an agent's fields (operatorRole, its EU AI Act role, is Deployer when left out). A new connector or permission (or more "
                + "autonomy, more sensitive data, another AI tool, a checkpoint taken away, operatorRole becoming Provider) sends an approved agent back for approval. Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        agents.MapPatch("/{id:int}", PatchAsync).WithName("PatchAgent")
            .Accepts<AgentForm>("application/merge-patch+json", "application/json").Produces<AgentResource>()
            .WithSummary("Changes only the fields in the body (a JSON merge patch: null clears a field), with the same checks as PUT. "
                + "Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        agents.MapPost("/{id:int}/submit", (int id, ApprovalStepRequest step, HttpContext context, AgentInventory inventory, CancellationToken ct) =>
                StepAsync(id, step, context, inventory, (user, version) => inventory.SubmitAsync(user, id, version, step.Comment, ct), ct))
            .WithName("SubmitAgent").Produces<AgentResource>().ProducesUpdateProblems()
            .WithSummary("Submits a draft or rejected agent for approval (a manager of its department, compliance).");
        agents.MapPost("/{id:int}/approve", (int id, ApprovalStepRequest step, HttpContext context, AgentInventory inventory, CancellationToken ct) =>
                StepAsync(id, step, context, inventory, (user, version) => inventory.ApproveAsync(user, id, version, step.Comment, ct), ct))
            .WithName("ApproveAgent").Produces<AgentResource>().ProducesUpdateProblems()
            .WithSummary("Approves a submitted agent (compliance officers and administrators who neither created nor last changed it).");
        agents.MapPost("/{id:int}/reject", (int id, ApprovalStepRequest step, HttpContext context, AgentInventory inventory, CancellationToken ct) =>
                StepAsync(id, step, context, inventory, (user, version) => inventory.RejectAsync(user, id, version, step.Comment ?? "", ct), ct))
            .WithName("RejectAgent").Produces<AgentResource>().ProducesUpdateProblems()
            .WithSummary("Rejects a submitted agent with a comment saying why (compliance officers and administrators, not its authors).");
        agents.MapPost("/{id:int}/pause", PauseAgentAsync).WithName("PauseAgent")
            .Produces<AgentResource>().ProducesUpdateProblems()
            .WithSummary("The pause button: the agent and every workflow relying on it are paused (a manager of its department, compliance). "
                + "A restart needs its restart conditions and a compliance officer other than the one who paused it: see /api/v1/pauses.");
        agents.MapPost("/{id:int}/activity", ActivityAsync).WithName("RecordAgentActivity")
            .Produces<AgentResource>().ProducesUpdateProblems()
            .WithSummary("Records when the agent last acted, for the system that runs it; an older date than the one recorded is kept as it is.");
        agents.MapGet("/{id:int}/pauses", async (int id, HttpContext context, AgentInventory inventory, PauseRegister pauses, CancellationToken ct) =>
                await inventory.GetAsync(id, ct) is null ? (IResult)ApiResults.NotFound("There is no agent with this id.")
                    : TypedResults.Ok(await pauses.ForAgentAsync(context.User, id, ct)))
            .WithName("GetAgentPauses").Produces<PauseRecord>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The agent's pauses, in force and past, with their restart conditions and versions.");
        return api;
    }

    private static async Task<Ok<PageResource<AgentListItem>>> ListAsync([AsParameters] AgentListParameters parameters, AgentInventory inventory,
        CancellationToken ct)
    {
        var query = parameters.ToQuery();
        var page = await inventory.PageAsync(query, ct);
        return TypedResults.Ok(new PageResource<AgentListItem>(page.Items, page.Total, query.Skip, query.Take));
    }

    private static async Task<Results<Ok<AgentResource>, ProblemHttpResult>> GetAsync(int id, HttpContext context, AgentInventory inventory, CancellationToken ct)
    {
        if (await inventory.GetAsync(id, ct) is not { } form)
        {
            return ApiResults.NotFound("There is no agent with this id.");
        }
        ApiResults.SetETag(context, form.Version);
        return TypedResults.Ok(AgentResource.From(id, form));
    }

    private static async Task<IResult> CreateAsync(AgentForm agent, HttpContext context, AgentInventory inventory, CancellationToken ct)
    {
        agent.Version = 0;
        var outcome = await inventory.SaveAsync(context.User, null, Normalised(agent), cancellationToken: ct);
        return await ApiResults.SavedAsync(context, outcome, versionFromHeader: false, id => ReloadAsync(inventory, id, ct), createdAt: "/api/v1/agents");
    }

    private static async Task<IResult> UpdateAsync(int id, AgentForm agent, HttpContext context, AgentInventory inventory, CancellationToken ct)
    {
        if (ApiResults.ResolveVersion(context.Request, agent.Version, out var version, out var fromHeader) is { } unusable)
        {
            return unusable;
        }
        agent.Version = version;
        var outcome = await inventory.SaveAsync(context.User, id, Normalised(agent), cancellationToken: ct);
        return await ApiResults.SavedAsync(context, outcome, fromHeader, _ => ReloadAsync(inventory, id, ct));
    }

    private static async Task<IResult> PatchAsync(int id, JsonObject patch, HttpContext context, AgentInventory inventory, CancellationToken ct)
    {
        if (await inventory.GetAsync(id, ct) is not { } stored)
        {
            return ApiResults.NotFound("There is no agent with this id.");
        }
        // A value of the wrong type: 400 with the same problem as a PUT body that cannot be read.
        return ApiResults.Patched(context, stored, patch) is { } agent
            ? await UpdateAsync(id, agent, context, inventory, ct)
            : TypedResults.BadRequest();
    }

    private static async Task<IResult> StepAsync(int id, ApprovalStepRequest step, HttpContext context, AgentInventory inventory,
        Func<System.Security.Claims.ClaimsPrincipal, int, Task<SaveOutcome>> take, CancellationToken ct)
    {
        if (ApiResults.ResolveVersion(context.Request, step.Version, out var version, out var fromHeader) is { } unusable)
        {
            return unusable;
        }
        var outcome = await take(context.User, version);
        return await ApiResults.SavedAsync(context, outcome, fromHeader, _ => ReloadAsync(inventory, id, ct));
    }

    private static async Task<IResult> PauseAgentAsync(int id, PauseRequest pause, HttpContext context, AgentInventory inventory, PauseRegister pauses,
        CancellationToken ct)
    {
        var outcome = await pauses.PauseAgentAsync(context.User, id, pause.Reason ?? "", ct);
        return await ApiResults.SavedAsync(context, outcome, versionFromHeader: false, _ => ReloadAsync(inventory, id, ct));
    }

    private static async Task<IResult> ActivityAsync(int id, ActivityRequest activity, HttpContext context, AgentInventory inventory, CancellationToken ct)
    {
        var outcome = await inventory.RecordActivityAsync(context.User, id, activity.On, ct);
        return await ApiResults.SavedAsync(context, outcome, versionFromHeader: false, _ => ReloadAsync(inventory, id, ct));
    }

    private static async Task<AgentResource> ReloadAsync(AgentInventory inventory, int id, CancellationToken ct) =>
        AgentResource.From(id, (await inventory.GetAsync(id, ct))!);

    /// <summary>A body's lists as the form holds them (JSON null for a list reads as null, which the form never holds).</summary>
    private static AgentForm Normalised(AgentForm agent)
    {
        agent.ConnectorIds ??= [];
        agent.Checkpoints = [.. (agent.Checkpoints ?? []).OfType<CheckpointForm>().Select(c => c with { Approver = c.Approver ?? "" })];
        agent.WorkflowIds ??= [];
        agent.Name ??= "";
        agent.Purpose ??= "";
        return agent;
    }
}

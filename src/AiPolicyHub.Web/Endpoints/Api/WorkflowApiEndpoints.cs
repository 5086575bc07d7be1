using System.Text.Json.Nodes;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>A workflow as the API returns it: the fields of the workflow page, its id and the version to send back when changing it.</summary>
public sealed record WorkflowResource(int Id, int Version, string Name, int? DepartmentId, string? OwnerId, string Purpose, IReadOnlyList<int> ToolIds,
    LifecycleStage Stage, Autonomy Autonomy, Audience Audience, PeopleImpact AffectsPeople, int? DataClassificationId, DataCategories DataCategories,
    HumanOversight Oversight, int? SpotCheckPercent, string ApprovingRole, VerificationControls Controls, int? MonthlyVolume, int ReviewCadenceMonths,
    DateOnly? NextReviewDate, WorkflowStatus Status) : IVersionedResource
{
    public static WorkflowResource From(int id, WorkflowForm f) => new(id, f.Version, f.Name, f.DepartmentId, f.OwnerId, f.Purpose, f.ToolIds,
        f.Stage, f.Autonomy, f.Audience, f.AffectsPeople, f.DataClassificationId, f.DataCategories, f.Oversight, f.SpotCheckPercent,
        f.ApprovingRole, f.Controls, f.MonthlyVolume, f.ReviewCadenceMonths, f.NextReviewDate, f.Status);
}

/// <summary>The filters and page of the workflow list, as query parameters.</summary>
public sealed record WorkflowListParameters(string? Search, [QueryRange(1, int.MaxValue)] int? DepartmentId, WorkflowStatus? Status, LifecycleStage? Stage,
    [QueryRange(1, int.MaxValue)] int? ClassificationId, RiskTier? Tier, bool? IncludeRetired, WorkflowSort? Sort, bool? Descending,
    [QueryRange(0, int.MaxValue)] int? Skip, [QueryRange(1, WorkflowListParameters.MaxTake)] int? Take)
{
    public WorkflowListQuery ToQuery() => new(Search, DepartmentId, Status, Stage, ClassificationId, IncludeRetired ?? false, Sort ?? WorkflowSort.Name,
        Descending ?? false, Math.Max(0, Skip ?? 0), Math.Clamp(Take ?? 50, 1, MaxTake), Tier);

    public const int MaxTake = 500;
}

public sealed record PageResource<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>A workflow's risk as the workflow page shows it: inherent and residual score, tier, factors, controls, suggestions, EU AI Act.</summary>
public sealed record WorkflowRiskResource(int WorkflowId, RiskAssessment Assessment, EuAiActSuggestion EuAiActSuggested,
    EuAiActCategory? EuAiActDecided, string? EuAiActJustification);

/// <summary>
/// <c>/api/v1/workflows</c>: the list (filtered, sorted, paged in the database), one workflow, its findings and its risk, for
/// every signed-in role; create and change through <see cref="WorkflowInventory"/>, with the workflow page's validation, role
/// and department checks and version check.
/// </summary>
public static class WorkflowApiEndpoints
{
    public static RouteGroupBuilder MapWorkflowApi(this RouteGroupBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows");
        workflows.MapGet("/", ListAsync).WithName("ListWorkflows")
            .WithSummary("Workflows, filtered and paged (take at most 500); retired ones only with includeRetired=true.");
        workflows.MapGet("/{id:int}", GetAsync).WithName("GetWorkflow")
            .WithSummary("One workflow; its ETag is the version to send back with a change.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapPost("/", CreateAsync).WithName("CreateWorkflow")
            .Produces<WorkflowResource>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Records a workflow (managers for their own departments, compliance officers, administrators).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        workflows.MapPut("/{id:int}", UpdateAsync).WithName("UpdateWorkflow")
            .Produces<WorkflowResource>()
            .WithSummary("Replaces a workflow's fields. Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        workflows.MapPatch("/{id:int}", PatchAsync).WithName("PatchWorkflow")
            .Accepts<WorkflowForm>("application/merge-patch+json", "application/json").Produces<WorkflowResource>()
            .WithSummary("Changes only the fields in the body (a JSON merge patch: null clears a field), with the same checks as PUT. "
                + "Send the version you read (If-Match: \"3\" or \"version\": 3); 409/412 when someone saved since.")
            .ProducesUpdateProblems();
        workflows.MapGet("/{id:int}/findings", FindingsAsync).WithName("GetWorkflowFindings")
            .WithSummary("The rules the workflow breaks now, less exceptions in force, with what to change.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapGet("/{id:int}/risk", RiskAsync).WithName("GetWorkflowRisk")
            .WithSummary("The workflow's explained risk and its EU AI Act category.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/findings", (FindingSeverity? severity, string? ruleId, [QueryRange(1, int.MaxValue)] int? departmentId, FindingsReport report, CancellationToken ct) =>
                report.ListAsync(new FindingsQuery(severity, ruleId, departmentId), ct))
            .WithTags("Findings").WithName("ListFindings").WithSummary("Every rule broken by a workflow in use, most severe first.");
        return api;
    }

    private static async Task<Ok<PageResource<WorkflowListItem>>> ListAsync([AsParameters] WorkflowListParameters parameters,
        WorkflowInventory inventory, CancellationToken ct)
    {
        var query = parameters.ToQuery();
        var page = await inventory.ListAsync(query, ct);
        return TypedResults.Ok(new PageResource<WorkflowListItem>(page.Items, page.Total, query.Skip, query.Take));
    }

    private static async Task<Results<Ok<WorkflowResource>, ProblemHttpResult>> GetAsync(int id, HttpContext context, WorkflowInventory inventory,
        CancellationToken ct)
    {
        if (await inventory.GetAsync(id, ct) is not { } form)
        {
            return ApiResults.NotFound("There is no workflow with this id.");
        }
        ApiResults.SetETag(context, form.Version);
        return TypedResults.Ok(WorkflowResource.From(id, form));
    }

    private static async Task<IResult> CreateAsync(WorkflowForm workflow, HttpContext context, WorkflowInventory inventory, CancellationToken ct)
    {
        workflow.Version = 0;
        var outcome = await inventory.SaveAsync(context.User, null, workflow, cancellationToken: ct);
        return await ApiResults.SavedAsync(context, outcome, versionFromHeader: false,
            async id => WorkflowResource.From(id, (await inventory.GetAsync(id, ct))!), createdAt: "/api/v1/workflows");
    }

    private static async Task<IResult> UpdateAsync(int id, WorkflowForm workflow, HttpContext context, WorkflowInventory inventory, CancellationToken ct)
    {
        if (ApiResults.ResolveVersion(context.Request, workflow.Version, out var version, out var fromHeader) is { } unusable)
        {
            return unusable;
        }
        workflow.Version = version;
        var outcome = await inventory.SaveAsync(context.User, id, workflow, cancellationToken: ct);
        return await ApiResults.SavedAsync(context, outcome, fromHeader, async _ => WorkflowResource.From(id, (await inventory.GetAsync(id, ct))!));
    }

    private static async Task<IResult> PatchAsync(int id, JsonObject patch, HttpContext context, WorkflowInventory inventory, CancellationToken ct)
    {
        if (await inventory.GetAsync(id, ct) is not { } stored)
        {
            return ApiResults.NotFound("There is no workflow with this id.");
        }
        // A value of the wrong type: 400 with the same problem as a PUT body that cannot be read.
        return ApiResults.Patched(context, stored, patch) is { } workflow
            ? await UpdateAsync(id, workflow, context, inventory, ct)
            : TypedResults.BadRequest();
    }

    private static async Task<Results<Ok<IReadOnlyList<RuleFinding>>, ProblemHttpResult>> FindingsAsync(int id, WorkflowInventory inventory,
        InventoryLookups lookups, RuleSettingsStore rules, RuleExceptions exceptions, CancellationToken ct)
    {
        if (await inventory.GetAsync(id, ct) is not { } form)
        {
            return ApiResults.NotFound("There is no workflow with this id.");
        }
        var granted = (await exceptions.ForWorkflowAsync(id, ct)).Where(e => e.IsActive).Select(e => new GrantedException(e.RuleId, e.ExpiresOn)).ToList();
        return TypedResults.Ok(LiveFindings.For(form, await lookups.LoadAsync(ct), exceptions.Today, await rules.EngineAsync(ct), granted));
    }

    private static async Task<Results<Ok<WorkflowRiskResource>, ProblemHttpResult>> RiskAsync(int id, WorkflowInventory inventory,
        InventoryLookups lookups, RiskSettings risk, EuAiActDecisions decisions, CancellationToken ct)
    {
        var form = await inventory.GetAsync(id, ct);
        var choices = await lookups.LoadAsync(ct);
        if (form is null || LiveFindings.SubjectOf(form, choices) is not { } subject || await decisions.StatusAsync(id, ct) is not { } euAiAct)
        {
            return ApiResults.NotFound("There is no workflow with this id.");
        }
        var assessment = RiskAssessor.Assess(subject, ClassificationScale.From(choices.Levels), await risk.ThresholdsAsync(ct));
        return TypedResults.Ok(new WorkflowRiskResource(id, assessment, euAiAct.Suggestion, euAiAct.Decided, euAiAct.Justification));
    }
}

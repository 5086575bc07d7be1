using AiPolicyHub.Core.Incidents;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>Ticks or unticks one restart condition of a pause, with the pause's version you read (or If-Match).</summary>
public sealed record RestartConditionRequest(RestartCondition Condition, bool Met, int Version);

/// <summary>The sign-off of a restart: the pause's version you read (or If-Match) and an optional note.</summary>
public sealed record RestartRequest(string? Note, int Version);

/// <summary>
/// <c>/api/v1/pauses</c>: the restart checklist of any pause (of an agent, a connector, a workflow or a tool, whose ids the
/// record's <c>…/pauses</c> lists) through <see cref="PauseRegister"/>, as on the record's page: conditions ticked by compliance
/// (or a manager of a workflow's department), the restart signed off by a compliance officer other than the one who paused it.
/// </summary>
public static class PauseApiEndpoints
{
    public static RouteGroupBuilder MapPauseApi(this RouteGroupBuilder api)
    {
        var pauses = api.MapGroup("/pauses").WithTags("Pauses");
        pauses.MapPost("/{id:int}/conditions", async (int id, RestartConditionRequest step, HttpContext context, PauseRegister register, CancellationToken ct) =>
                ApiResults.ResolveVersion(context.Request, step.Version, out var version, out var fromHeader) is { } unusable ? unusable
                    : Answer(await register.SetConditionAsync(context.User, id, version, step.Condition, step.Met, ct), fromHeader))
            .WithName("SetRestartCondition").Produces<StepOutcomeResource>().ProducesUpdateProblems()
            .WithSummary("Ticks (met: true) or unticks one restart condition of a pause.");
        pauses.MapPost("/{id:int}/restart", async (int id, RestartRequest step, HttpContext context, PauseRegister register, CancellationToken ct) =>
                ApiResults.ResolveVersion(context.Request, step.Version, out var version, out var fromHeader) is { } unusable ? unusable
                    : Answer(await register.RestartAsync(context.User, id, version, step.Note, ct), fromHeader))
            .WithName("RestartPaused").Produces<StepOutcomeResource>().ProducesUpdateProblems()
            .WithSummary("Signs off the restart once every condition is met: a compliance officer other than the one who paused it. "
                + "What another pause still holds stays paused (the message says so).");
        return api;
    }

    private static IResult Answer(Core.SaveOutcome outcome, bool fromHeader)
    {
        if (ApiResults.Refusal(outcome, fromHeader) is { } refusal)
        {
            return refusal;
        }
        return TypedResults.Ok(new StepOutcomeResource(outcome.Id, outcome.Version, outcome.Message));
    }
}

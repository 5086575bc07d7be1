using AiPolicyHub.Core.Evidence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>
/// <c>/api/v1/evidence</c>: a record's evidence (with every file version, no bytes), all evidence for compliance, and a
/// version's file — read through <see cref="EvidenceRegister"/> and <see cref="EvidenceIndex"/>, with the token owner's rights.
/// </summary>
public static class EvidenceApiEndpoints
{
    public static RouteGroupBuilder MapEvidenceApi(this RouteGroupBuilder api)
    {
        var evidence = api.MapGroup("/evidence").WithTags("Evidence");
        evidence.MapGet("/", ListAsync).WithName("ListEvidence")
            .WithSummary("The evidence attached to one record (subjectKind: Workflow, Agent, Tool, RuleException, Pause, Incident; subjectId), newest first, "
                + "with each file's versions (name, type, size, SHA-256, who, when). Files download from /api/v1/evidence/{id}/versions/{number}.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        evidence.MapGet("/index", IndexAsync).WithName("ListAllEvidence")
            .WithSummary("Every piece of evidence, with what it is attached to and its current file (compliance officers and administrators).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        evidence.MapGet("/{id:int}/versions/{number:int}", DownloadAsync).WithName("DownloadEvidenceFile")
            .WithSummary("One version's file, as an attachment with its stored content type.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<EvidenceView>>, ProblemHttpResult>> ListAsync(EvidenceSubjectKind? subjectKind,
        [QueryRange(1, int.MaxValue)] int? subjectId, HttpContext context, EvidenceRegister register, CancellationToken ct)
    {
        if (subjectKind is not { } kind || subjectId is not { } id)
        {
            return TypedResults.Problem("Name the record: subjectKind (Workflow, Agent, Tool, RuleException, Pause, Incident) and subjectId, both.",
                statusCode: StatusCodes.Status400BadRequest, title: "Which record?");
        }
        return await register.ListAsync(context.User, new EvidenceSubject(kind, id), ct) is { } listing
            ? TypedResults.Ok(listing.Items)
            : ApiResults.NotFound(EvidenceSubjects.NotFoundMessage);
    }

    private static async Task<Results<Ok<IReadOnlyList<EvidenceIndexRow>>, ProblemHttpResult>> IndexAsync(HttpContext context, EvidenceIndex index,
        CancellationToken ct)
    {
        var result = await index.ListAsync(context.User, ct);
        return result.Succeeded
            ? TypedResults.Ok(result.Value!)
            : TypedResults.Problem(EvidenceIndex.NotAllowed, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(int id, int number, HttpContext context,
        EvidenceRegister register, CancellationToken ct)
    {
        var file = await register.DownloadAsync(context.User, id, number, ct);
        if (!file.Found)
        {
            return ApiResults.NotFound("There is no such file, or you cannot see the record it is attached to.");
        }
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Bytes!, file.ContentType, file.FileName);
    }
}

using AiPolicyHub.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>
/// How the API answers a save, the same for tools and workflows: the services' outcomes as HTTP, every refusal an RFC 7807
/// problem; and the version a client read, as an ETag (<c>"3"</c>) and back as <c>If-Match</c> or the body's <c>version</c>.
/// </summary>
/// <summary>A record the API returns with the version a change must name.</summary>
public interface IVersionedResource
{
    int Version { get; }
}

internal static class ApiResults
{
    public static string ETagOf(int version) => $"\"{version}\"";

    public static void SetETag(HttpContext context, int version) => context.Response.Headers.ETag = ETagOf(version);

    /// <summary>
    /// The version the client edited: <c>If-Match</c> when sent, else the body's <paramref name="bodyVersion"/>; a problem when
    /// neither says it (a blind overwrite is exactly what the version check is there to stop) or the header is not one of ours.
    /// </summary>
    public static ProblemHttpResult? ResolveVersion(HttpRequest request, int bodyVersion, out int version, out bool fromHeader)
    {
        version = bodyVersion;
        fromHeader = false;
        string? ifMatch = request.Headers.IfMatch;
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (!EntityTagHeaderValue.TryParse(ifMatch.Trim(), out var tag) || !int.TryParse(tag.Tag.AsSpan().Trim('"'), out version) || version < 1)
            {
                return TypedResults.Problem("Send If-Match with the ETag the GET returned, e.g. If-Match: \"3\".",
                    statusCode: StatusCodes.Status400BadRequest, title: "Unusable If-Match header");
            }
            fromHeader = true;
            return null;
        }
        return bodyVersion >= 1 ? null
            : TypedResults.Problem("Say which version you changed: the \"version\" field of what you read, or its ETag as If-Match.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "Version required");
    }

    /// <summary>
    /// A PATCH body (a JSON merge patch: each property present replaces the stored one, null clears it) laid over the record as
    /// stored, giving the whole form a PUT would have sent. The version is the body's alone, never the stored one, so a patch
    /// naming no version (nor If-Match) is refused as a PUT would be. Null when a value does not fit its field's type.
    /// </summary>
    public static TForm? Patched<TForm>(HttpContext context, TForm stored, JsonObject patch) where TForm : class
    {
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var merged = JsonSerializer.SerializeToNode(stored, json)!.AsObject();
        // The stored version never stands in for the one the client read.
        Remove(merged, nameof(IVersionedResource.Version));
        foreach (var (name, value) in patch)
        {
            Remove(merged, name);
            merged[name] = value?.DeepClone();
        }
        try
        {
            return merged.Deserialize<TForm>(json);
        }
        catch (JsonException)
        {
            return null;
        }

        // Property names are case-insensitive in a request body: "Name" replaces "name" rather than standing beside it.
        static void Remove(JsonObject form, string name)
        {
            if (form.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) is { } key)
            {
                form.Remove(key);
            }
        }
    }

    /// <summary>What a PUT or PATCH of a record can be refused with, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesUpdateProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    /// <summary>
    /// A save's answer: the record as stored now with its ETag (201 at <paramref name="createdAt"/> for a new one, else 200), or
    /// the refusal as a problem.
    /// </summary>
    public static async Task<IResult> SavedAsync<TResource>(HttpContext context, SaveOutcome outcome, bool versionFromHeader,
        Func<int, Task<TResource>> reload, string? createdAt = null) where TResource : IVersionedResource
    {
        if (Refusal(outcome, versionFromHeader) is { } refusal)
        {
            return refusal;
        }
        var resource = await reload(outcome.Id);
        SetETag(context, resource.Version);
        return createdAt is null ? TypedResults.Ok(resource) : TypedResults.Created($"{createdAt}/{outcome.Id}", resource);
    }

    /// <summary>A refused save as a problem; null when it was saved.</summary>
    public static IResult? Refusal(SaveOutcome outcome, bool versionFromHeader) => outcome.Status switch
    {
        SaveStatus.Saved => null,
        SaveStatus.Invalid => ValidationProblem(outcome.Errors!),
        SaveStatus.NotFound => NotFound(outcome.Message),
        // Not stored: a manager's change to a tool compliance decided on waits for compliance (see ToolSave).
        SaveStatus.Proposed => TypedResults.Json(new { status = "proposed", message = outcome.Message }, statusCode: StatusCodes.Status202Accepted),
        SaveStatus.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        SaveStatus.Conflict => TypedResults.Problem(outcome.Message,
            statusCode: versionFromHeader ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            title: "Changed by someone else",
            // Some saves (a connector's, a pause's) know only that the version moved on, not who moved it.
            extensions: new Dictionary<string, object?>
            {
                ["currentVersion"] = outcome.Conflict?.CurrentVersion ?? outcome.Version,
                ["changedBy"] = outcome.Conflict?.ChangedBy,
                ["changedAt"] = outcome.Conflict?.ChangedAt,
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, null),
    };

    /// <summary>400 with the messages of each field, under the field's JSON name (<c>departmentId</c>).</summary>
    public static ValidationProblem ValidationProblem(ValidationErrors errors) => TypedResults.ValidationProblem(
        errors.ByField.ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.Key), f => f.Value.ToArray()),
        detail: "Nothing was saved: correct the fields listed in errors.", title: "Some fields need attention");

    public static ProblemHttpResult NotFound(string? detail = null) =>
        TypedResults.Problem(detail ?? "There is no such record.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}

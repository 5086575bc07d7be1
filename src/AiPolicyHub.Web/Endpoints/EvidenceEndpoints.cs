using System.Globalization;
using AiPolicyHub.Core.Evidence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPolicyHub.Web.Endpoints;

/// <summary>What an accepted upload answers: the evidence record, its version (to change it again) and a sentence.</summary>
public sealed record EvidenceUploadAnswer(int Id, int Version, string Message);

/// <summary>
/// Evidence files over HTTP, for the signed-in session (the evidence panel posts with <c>fetch</c>):
/// <c>POST /evidence</c> attaches a new file, <c>POST /evidence/{id}/versions</c> replaces one (both multipart forms with a
/// <c>file</c> part and the antiforgery token in the <c>RequestVerificationToken</c> header or the form), and
/// <c>GET /evidence/{id}/versions/{n}</c> downloads a version, as an attachment, to whoever can see its record.
/// <see cref="EvidenceRegister"/> decides everything; these translate. The size limit is enforced before the body is read:
/// a declared length over it is refused at once, and the server stops reading a body that goes past it.
/// </summary>
public static class EvidenceEndpoints
{
    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        var evidence = app.MapGroup("/evidence").RequireAuthorization();
        evidence.MapPost("/", AddFileAsync);
        evidence.MapPost("/{id:int}/versions", ReplaceFileAsync);
        evidence.MapGet("/{id:int}/versions/{number:int}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> AddFileAsync(HttpContext context, IAntiforgery antiforgery, EvidenceRegister register, CancellationToken ct)
    {
        var (form, refusal) = await ReceiveAsync(context, antiforgery, register.Options, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!Enum.TryParse<EvidenceSubjectKind>(form!["subjectKind"], ignoreCase: true, out var kind) || !Enum.IsDefined(kind)
            || !int.TryParse(form["subjectId"], NumberStyles.None, CultureInfo.InvariantCulture, out var subjectId))
        {
            return TypedResults.Problem("Say what the evidence is for: subjectKind (Workflow, Agent, Tool, RuleException, Pause, Incident, Control) and subjectId.",
                statusCode: StatusCodes.Status400BadRequest, title: "Which record?");
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return NoFile();
        }
        var details = new EvidenceForm
        {
            Description = form["description"].ToString(),
            OwnerId = form["ownerId"].ToString() is { Length: > 0 } owner ? owner : null,
            ProducedOn = Date(form["producedOn"]),
            ExpiresOn = Date(form["expiresOn"]),
        };
        await using var content = file.OpenReadStream();
        return Answer(await register.AddAsync(context.User, new EvidenceSubject(kind, subjectId), details, new EvidenceUpload(file.FileName, content), ct),
            created: true);
    }

    private static async Task<IResult> ReplaceFileAsync(int id, HttpContext context, IAntiforgery antiforgery, EvidenceRegister register, CancellationToken ct)
    {
        var (form, refusal) = await ReceiveAsync(context, antiforgery, register.Options, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!int.TryParse(form!["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return TypedResults.Problem("Send the version of the evidence you read (version), so a change made meanwhile is not overwritten.",
                statusCode: StatusCodes.Status400BadRequest, title: "Which version?");
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return NoFile();
        }
        await using var content = file.OpenReadStream();
        return Answer(await register.ReplaceFileAsync(context.User, id, version, new EvidenceUpload(file.FileName, content), ct), created: false);
    }

    private static async Task<IResult> DownloadAsync(int id, int number, HttpContext context, EvidenceRegister register, CancellationToken ct)
    {
        var file = await register.DownloadAsync(context.User, id, number, ct);
        if (!file.Found)
        {
            return TypedResults.NotFound();
        }
        // Always a download, never shown in the app's own origin, and never guessed into another type by the browser.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Bytes!, file.ContentType, file.FileName);
    }

    /// <summary>
    /// The form, once its size and antiforgery token are checked; or the refusal. A declared length over the limit is
    /// refused before a byte is read; a body that goes past it (sent without a length) is cut off by the server.
    /// </summary>
    private static async Task<(IFormCollection? Form, IResult? Refusal)> ReceiveAsync(HttpContext context, IAntiforgery antiforgery,
        EvidenceOptions options, CancellationToken ct)
    {
        var limit = options.MaxFileBytes + FormOverheadBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            return (null, TooLarge(options, length));
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }
        if (!context.Request.HasFormContentType)
        {
            return (null, TypedResults.Problem("Send the file as a multipart form (multipart/form-data) with a part named “file”.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form"));
        }
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return (await context.Request.ReadFormAsync(ct), null);
        }
        catch (AntiforgeryValidationException)
        {
            return (null, TypedResults.Problem("The page's security token is missing or out of date: reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest, title: "Reload the page"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(options, null));
        }
        catch (InvalidDataException)
        {
            // The multipart reader's own limit (the body length) or a malformed body.
            return (null, TypedResults.Problem($"The form could not be read, or its file is larger than {options.MaxFileSizeText}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Form not read"));
        }
    }

    private static IResult Answer(Core.SaveOutcome outcome, bool created) => outcome.Status switch
    {
        Core.SaveStatus.Saved => TypedResults.Json(new EvidenceUploadAnswer(outcome.Id, outcome.Version, outcome.Message ?? "Saved."),
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK),
        Core.SaveStatus.Invalid when outcome.Errors?.For(EvidenceRegister.FileSizeField).Count > 0 =>
            TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large"),
        Core.SaveStatus.Invalid => TypedResults.Problem(new HttpValidationProblemDetails(outcome.Errors!.ByField.ToDictionary(f => f.Key, f => f.Value.ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity, Title = "The evidence was not saved", Detail = outcome.Message,
        }),
        Core.SaveStatus.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        Core.SaveStatus.NotFound => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        _ => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile"),
    };

    private static ProblemHttpResult TooLarge(EvidenceOptions options, long? bytes) => TypedResults.Problem(
        (bytes is { } size ? $"The upload is {EvidenceFiles.SizeText(size)}; " : "The file is larger than the limit; ")
            + $"AiPolicyHub keeps files of up to {options.MaxFileSizeText}. Attach a smaller file, or link to where the document is kept.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");

    private static ProblemHttpResult NoFile() => TypedResults.Problem("Choose a file to upload (a form part named “file”).",
        statusCode: StatusCodes.Status400BadRequest, title: "No file");

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

using Microsoft.AspNetCore.Diagnostics;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>
/// An exception in an <c>/api/v1</c> endpoint answers 500 as an RFC 7807 problem rather than the browser's HTML error page.
/// The problem says nothing of the exception (its message or stack may name tables, paths or data); the exception handler
/// middleware logs it, and the problem's <c>traceId</c> finds the log entry.
/// </summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware may have pointed the request at the error page already; the feature keeps the address that failed.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : context.Request.Path;
        if (!path.StartsWithSegments(ApiEndpoints.Prefix))
        {
            return false;
        }
        await TypedResults.Problem(
                "The server could not finish this request. If it happens again, give your administrator the traceId of this answer.",
                statusCode: StatusCodes.Status500InternalServerError, title: "Internal server error")
            .ExecuteAsync(context);
        return true;
    }
}

using Microsoft.AspNetCore.WebUtilities;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>
/// An API error answered without a body (an unknown address, a body or parameter that could not be read) gets an RFC 7807
/// problem, so scripts always read JSON from <c>/api/v1</c> and never the HTML page of the status-code pages.
/// </summary>
internal sealed class ApiProblemMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength > 0 || response.ContentType is not null
            || !context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix))
        {
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = response.StatusCode,
                Title = ReasonPhrases.GetReasonPhrase(response.StatusCode),
                Detail = response.StatusCode switch
                {
                    StatusCodes.Status400BadRequest => "The request could not be read: check its JSON body and parameters against /openapi/v1.json.",
                    StatusCodes.Status404NotFound => "There is no such address or record in the API: see /openapi/v1.json.",
                    StatusCodes.Status405MethodNotAllowed => "This address does not take that method: see /openapi/v1.json.",
                    _ => null,
                },
            },
        });
    }
}

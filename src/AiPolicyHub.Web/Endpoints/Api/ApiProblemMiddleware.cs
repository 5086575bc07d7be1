using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>
/// An API (or MCP server) error answered without a body (an unknown address, a method the address does not take, a body or parameter that could
/// not be read) gets an RFC 7807 problem, so scripts always read JSON from <c>/api/v1</c> and never the HTML page of the
/// status-code pages.
/// </summary>
internal sealed class ApiProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The MCP server too: it takes the same tokens, and a method it does not serve (GET and DELETE, as it keeps no sessions)
        // must not send an assistant to the sign-in page either.
        var isApi = context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix) || context.Request.Path.StartsWithSegments(Hosting.McpRegistration.Path);
        if (isApi && context.GetEndpoint() is not RouteEndpoint)
        {
            // Routing found no API address (no endpoint), or found it only for other methods (its 405 endpoint, which is no
            // RouteEndpoint). Neither carries the API's authorization, so the app's fallback policy would send the caller to the
            // sign-in page: answer here instead, 401 without a valid token as everywhere in the API, else 404 or 405.
            if (!(await context.AuthenticateAsync(ApiTokenAuthenticationHandler.SchemeName)).Succeeded)
            {
                await context.ChallengeAsync(ApiTokenAuthenticationHandler.SchemeName);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            if (context.GetEndpoint()?.RequestDelegate is { } methodNotAllowed)
            {
                await methodNotAllowed(context); // 405 with the Allow header
            }
        }
        else
        {
            await next(context);
        }
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength > 0 || response.ContentType is not null || !isApi)
        {
            return;
        }
        // As a result rather than through IProblemDetailsService directly, which refuses a caller that accepts only text/html.
        await TypedResults.Problem(response.StatusCode switch
            {
                StatusCodes.Status400BadRequest => "The request could not be read: check its JSON body and parameters against /openapi/v1.json.",
                StatusCodes.Status404NotFound => "There is no such address or record in the API: see /openapi/v1.json.",
                StatusCodes.Status405MethodNotAllowed => "This address does not take that method: see /openapi/v1.json.",
                _ => null,
            }, statusCode: response.StatusCode, title: ReasonPhrases.GetReasonPhrase(response.StatusCode))
            .ExecuteAsync(context);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// A session opened with a one-time password reaches nothing but the change-password page (and signing out) until the user has
/// chosen their own password: other pages redirect there, and everything else — exports, PDFs, the OpenAPI document, the live
/// connection of interactive pages — answers 403. Anonymous endpoints (static files, health) stay open.
/// </summary>
internal sealed class RequirePasswordChangeMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    private static readonly PathString[] Allowed = [ChangePasswordPath, "/account/sign-out", "/account/sign-out-everywhere", "/account/sign-in"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(AppClaims.MustChangePassword, "true")
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || Allowed.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

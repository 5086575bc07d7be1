using Microsoft.AspNetCore.Components.Endpoints;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// A user signed in with a one-time password sees no page but the change-password page until
/// they have chosen their own password.
/// </summary>
internal sealed class RequirePasswordChangeMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        if (isPage
            && context.User.HasClaim(AppClaims.MustChangePassword, "true")
            && !context.Request.Path.StartsWithSegments("/account"))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// A member of a role that requires two-factor sign-in (<c>Security:RequireTwoFactorForRoles</c>) who has not set it up reaches
/// nothing but the setup page (and signing out) until they have: other pages redirect there, and everything else — exports,
/// PDFs, the OpenAPI document, the live connection of interactive pages — answers 403. The same pattern as
/// <see cref="RequirePasswordChangeMiddleware"/>, which goes first: a one-time password is changed before anything else.
/// API tokens are not affected (they are a credential of their own, created by a signed-in user).
/// </summary>
internal sealed class RequireTwoFactorSetupMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/account/two-factor";

    private static readonly PathString[] Allowed =
        [SetupPath, "/account/sign-out", "/account/sign-out-everywhere", "/account/sign-in", RequirePasswordChangeMiddleware.ChangePasswordPath];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(AppClaims.TwoFactorSetupDue, "true")
            || context.User.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim)
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Web.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        // A plain form post, so signing out works without JavaScript.
        account.MapPost("/sign-out", SignOut).AllowAnonymous();
        account.MapPost("/sign-out-everywhere", SignOutEverywhere).RequireAuthorization();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOut(
        HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        // The endpoint binds no form fields, so the framework would not check the token: check it here,
        // or any site could sign our users out.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/sign-in?signedOut=true");
    }

    /// <summary>Ends every session of the signed-in user, on every device, this one included.</summary>
    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOutEverywhere(
        HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn, UserSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }
        if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
        {
            await sessions.EndAllAsync(user.Id);
            // Live pages re-check the stamp (and the session) at the next revalidation.
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/sign-in?signedOut=true");
    }
}

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
}

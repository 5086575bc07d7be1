using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AiPolicyHub.Web.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        // A form post (antiforgery-checked), so signing out works without JavaScript.
        account.MapPost("/sign-out", SignOut).AllowAnonymous();
        return app;
    }

    private static async Task<RedirectHttpResult> SignOut(SignInManager<AppUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/sign-in?signedOut=true");
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// Ties each session cookie to a row of <see cref="UserSessions"/>: signing in opens one (its id in the cookie), every request
/// checks that it is still open, a renewal notes it, and signing out deletes it — so a cookie captured before the sign-out no
/// longer works. The security-stamp check (roles changed, account disabled) runs after, as before.
/// </summary>
internal static class SessionCookieEvents
{
    public static void Attach(CookieAuthenticationEvents events, SecurityOptions security)
    {
        var validateStamp = events.OnValidatePrincipal;
        events.OnSigningIn = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            if (context.Principal?.Identity is not ClaimsIdentity identity || context.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            {
                return;
            }
            // A refresh of the same session (new roles, a changed password) keeps its id; a new sign-in opens a new session.
            var current = context.Principal.FindFirstValue(AppClaims.SessionId)
                ?? (context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId ? context.HttpContext.User.FindFirstValue(AppClaims.SessionId) : null);
            var sessionId = current is not null && await sessions.IsOpenAsync(userId, current)
                ? current
                : await sessions.StartAsync(userId, security.SessionIdleTimeout);
            foreach (var old in identity.FindAll(AppClaims.SessionId).ToList())
            {
                identity.RemoveClaim(old);
            }
            identity.AddClaim(new Claim(AppClaims.SessionId, sessionId));
        };
        events.OnValidatePrincipal = async context =>
        {
            var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
            var sessionId = context.Principal?.FindFirstValue(AppClaims.SessionId);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            if (userId is null || sessionId is null || !await sessions.IsOpenAsync(userId, sessionId))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await InScopeOfItsOwnAsync(context, validateStamp);
        };
        events.OnCheckSlidingExpiration = async context =>
        {
            if (context.ShouldRenew && context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                && context.Principal.FindFirstValue(AppClaims.SessionId) is { } sessionId)
            {
                await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().RenewAsync(userId, sessionId);
            }
        };
        events.OnSigningOut = async context =>
        {
            var user = context.HttpContext.User;
            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId && user.FindFirstValue(AppClaims.SessionId) is { } sessionId)
            {
                await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().EndAsync(userId, sessionId);
            }
        };
    }

    /// <summary>
    /// Runs the security-stamp check with services of its own, disposed as soon as it is done. The check takes the sign-in
    /// manager, the user manager and a database context; from the request's services they would live as long as the request,
    /// and the request of a Blazor session's WebSocket lasts as long as its tab is open: every open tab kept a pooled database
    /// context leased, with its internal services (about 30 KB a tab).
    /// </summary>
    private static async Task InScopeOfItsOwnAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> check)
    {
        var http = context.HttpContext;
        var requestServices = http.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await check(context);
        }
        finally
        {
            http.RequestServices = requestServices;
        }
    }

    /// <summary>The security-stamp check re-issues the cookie with a fresh principal: the session stays the same.</summary>
    public static Task KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(AppClaims.SessionId) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(AppClaims.SessionId, session.Value));
        }
        return Task.CompletedTask;
    }
}

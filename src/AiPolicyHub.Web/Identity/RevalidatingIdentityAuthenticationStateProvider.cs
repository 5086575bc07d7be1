using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// Re-checks an open circuit's user at <see cref="SecurityOptions.RevalidationInterval"/>: a disabled
/// account, or one whose security stamp changed (roles changed, password reset), loses its circuit,
/// which then sends the browser to the sign-in page. Only a circuit's: a page rendered for one request (its cookie checked
/// when the request began) is not re-checked while it renders — a slow one, past the interval, would otherwise be signed out
/// halfway by its own change (switching two-factor sign-in on renews the security stamp, and the session with it).
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, SecurityOptions security, LiveCircuit circuit)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (!circuit.IsOpen)
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        // A session ended elsewhere (signed out, "sign out everywhere", ended by an administrator) closes its live pages too.
        if (state.User.FindFirstValue(AppClaims.SessionId) is not { } session
            || !await scope.ServiceProvider.GetRequiredService<UserSessions>().IsOpenAsync(user.Id, session, cancellationToken))
        {
            return false;
        }
        var stamp = state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}

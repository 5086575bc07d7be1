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
/// which then sends the browser to the sign-in page.
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, SecurityOptions security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
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

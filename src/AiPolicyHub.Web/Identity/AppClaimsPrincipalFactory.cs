using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPolicyHub.Web.Identity;

internal sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TwoFactorRequirement twoFactor)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AppClaims.MustChangePassword, "true"));
        }
        // Local accounts only: a person created by single sign-on has no password here, and their identity provider decides
        // how they prove who they are (its own multi-factor policy).
        if (user.PasswordHash is not null && !user.TwoFactorEnabled && twoFactor.IsRequiredFor(identity.FindAll(identity.RoleClaimType).Select(c => c.Value)))
        {
            identity.AddClaim(new Claim(AppClaims.TwoFactorSetupDue, "true"));
        }
        return identity;
    }
}

using AiPolicyHub.Core.Identity.SingleSignOn;
using AiPolicyHub.Web.Endpoints;
using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// Single sign-on with OpenID Connect (authorization code flow with PKCE), on when <c>Authentication:OpenIdConnect</c> names a
/// provider; and whether local accounts still sign in with a password (<c>Authentication:LocalAccounts</c>).
/// </summary>
public static class SingleSignOnRegistration
{
    public static WebApplicationBuilder AddSingleSignOn(this WebApplicationBuilder builder)
    {
        var singleSignOn = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        var localAccounts = builder.Configuration.GetSection(LocalAccountOptions.Section).Get<LocalAccountOptions>() ?? new LocalAccountOptions();
        singleSignOn.Validate();
        localAccounts.Validate(singleSignOn);
        builder.Services.AddSingleton(singleSignOn);
        builder.Services.AddSingleton(localAccounts);
        if (!singleSignOn.Enabled)
        {
            return builder;
        }

        builder.Services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, singleSignOn.DisplayName, options =>
        {
            options.Authority = singleSignOn.Authority;
            options.ClientId = singleSignOn.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(singleSignOn.ClientSecret) ? null : singleSignOn.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // The code comes back in the query of a top-level GET: the correlation and nonce cookies can then be SameSite=Lax
            // (a form_post answer is a cross-site POST, which needs SameSite=None and so HTTPS everywhere).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CallbackPath = SingleSignOnOptions.CallbackPath;
            // The provider's answer is only read by the callback, which opens the app's own session; nothing else keeps it.
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.SaveTokens = false;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = singleSignOn.GetClaimsFromUserInfoEndpoint;
            options.RequireHttpsMetadata = singleSignOn.RequireHttpsMetadata;
            options.Scope.Clear();
            foreach (var scope in singleSignOn.ScopeList())
            {
                options.Scope.Add(scope);
            }
            if (singleSignOn.GetClaimsFromUserInfoEndpoint)
            {
                // Userinfo answers JSON: keep the group and department arrays as claims.
                options.ClaimActions.MapJsonKey(singleSignOn.GroupsClaim, singleSignOn.GroupsClaim);
                if (singleSignOn.DepartmentClaim is { Length: > 0 } department)
                {
                    options.ClaimActions.MapJsonKey(department, department);
                }
            }
            options.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnRegistration))
                    .LogWarning(context.Failure, "Single sign-on failed");
                context.Response.Redirect(SingleSignOnPaths.Refused(SingleSignOnPaths.FailedReason));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        builder.Services.AddHostedService<ClaimMappingSeeding>();
        return builder;
    }

    /// <summary>Writes the mappings from configuration on the first start with single sign-on (after the database is ready).</summary>
    private sealed class ClaimMappingSeeding(ClaimMappings mappings, SingleSignOnOptions options, ILogger<ClaimMappingSeeding> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var skipped = await mappings.SeedAsync(options.RoleMappings, options.DepartmentMappings, cancellationToken);
            foreach (var mapping in skipped)
            {
                logger.LogWarning("Single sign-on mapping from configuration skipped (unknown role or department): {Mapping}", mapping);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

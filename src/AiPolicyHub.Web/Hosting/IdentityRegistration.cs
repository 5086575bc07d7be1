using AiPolicyHub.Core;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPolicyHub.Web.Hosting;

public static class IdentityRegistration
{
    public static WebApplicationBuilder AddIdentityAndSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        security.Validate();
        services.AddSingleton(security);

        services.AddCascadingAuthenticationState();
        services.AddScoped<LiveCircuit>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<LiveCircuit>());
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();

        services.AddIdentityCore<AppUser>(options =>
            {
                // OWASP ASVS 5.0: length, not composition.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
                options.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(AuthenticatorCodes.ProviderName)
            .AddPasswordValidator<PasswordPolicy>();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3; // PBKDF2 with HMAC-SHA512
            o.IterationCount = security.PasswordHashIterations;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = security.RevalidationInterval;
            o.OnRefreshingPrincipal = SessionCookieEvents.KeepSessionId;
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "AiPolicyHub.Session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.ExpireTimeSpan = security.SessionIdleTimeout;
            cookie.SlidingExpiration = true;
            SessionCookieEvents.Attach(cookie.Events, security);
        });

        // Every endpoint requires a signed-in user unless it says [AllowAnonymous].
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Keys live in the database, so every instance (and every restart) can read every cookie.
        services.AddDataProtection().SetApplicationName("AiPolicyHub");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

        services.AddSingleton(sp => new OneTimePasswords(sp.GetRequiredService<TimeProvider>(), security.OneTimePasswordLifetime));
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton(new TwoFactorRequirement(SecurityOptions.TwoFactorRolesFrom(builder.Configuration.GetSection(SecurityOptions.Section))));
        services.AddScoped<TwoFactorSignIn>();
        return builder;
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Identity.SingleSignOn;
using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Web.Endpoints;

public static class SingleSignOnPaths
{
    public const string Start = "/account/sign-in/external";
    public const string Callback = "/account/sign-in/external/callback";
    public const string RefusedPage = "/account/sign-in/refused";
    public const string FailedReason = "failed";

    public static string Refused(string reason) => $"{RefusedPage}?reason={Uri.EscapeDataString(reason)}";

    public static string Reason(ExternalSignInRefusal refusal) => refusal switch
    {
        ExternalSignInRefusal.NoMappedRole => "no-role",
        ExternalSignInRefusal.Disabled => "disabled",
        ExternalSignInRefusal.NoEmail => "no-email",
        ExternalSignInRefusal.EmailTaken => "email-taken",
        _ => FailedReason,
    };

    /// <summary>A local path only (no other site, no protocol-relative address), else the dashboard.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            && Uri.TryCreate(returnUrl, UriKind.Relative, out _)
            ? returnUrl
            : "/";
}

/// <summary>
/// Single sign-on's two addresses: one sends the browser to the identity provider, the other (where the provider's answer lands,
/// after the handler at <c>/signin-oidc</c> has checked it) decides on the account through <see cref="ExternalSignIn"/> and opens
/// the app's own session — the same session as a password sign-in, ended the same ways.
/// </summary>
public static class SingleSignOnEndpoints
{
    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<SingleSignOnOptions>().Enabled)
        {
            // A link, not a form: the provider's page is another origin, and the Content-Security-Policy's form-action 'self'
            // holds a form's redirects too. It changes nothing here, so a forged link gains nobody anything.
            app.MapGet(SingleSignOnPaths.Start, Start).AllowAnonymous();
            app.MapGet(SingleSignOnPaths.Callback, CallbackAsync).AllowAnonymous();
        }
        return app;
    }

    private static IResult Start(string? returnUrl) =>
        TypedResults.Challenge(new AuthenticationProperties
        {
            RedirectUri = $"{SingleSignOnPaths.Callback}?returnUrl={Uri.EscapeDataString(SingleSignOnPaths.SafeReturnUrl(returnUrl))}",
        }, [SingleSignOnOptions.Scheme]);

    private static async Task<IResult> CallbackAsync(HttpContext context, string? returnUrl, SingleSignOnOptions options,
        ExternalSignIn externalSignIn, SignInManager<AppUser> signIn, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(SingleSignOnEndpoints));
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal.FindFirst("sub") is not { } subject)
        {
            return TypedResults.LocalRedirect("/account/sign-in");
        }
        var principal = external.Principal;
        var identity = new ExternalIdentity(
            Issuer: subject.Issuer,
            Subject: subject.Value,
            Email: principal.FindFirstValue(options.EmailClaim) ?? principal.FindFirstValue("preferred_username"),
            Name: principal.FindFirstValue(options.NameClaim),
            Groups: Values(principal, options.GroupsClaim),
            Departments: options.DepartmentClaim is { Length: > 0 } department ? Values(principal, department) : [],
            ProviderName: options.DisplayName);
        var outcome = await externalSignIn.SignInAsync(identity, departmentFromClaims: options.DepartmentClaim is { Length: > 0 }, context.RequestAborted);
        if (outcome.Refusal is { } refusal)
        {
            logger.LogWarning("Single sign-on refused for {Subject} of {Issuer} ({Email}): {Refusal}", identity.Subject, identity.Issuer, identity.Email, refusal);
            return TypedResults.LocalRedirect(SingleSignOnPaths.Refused(SingleSignOnPaths.Reason(refusal)));
        }
        var user = await signIn.UserManager.FindByIdAsync(outcome.UserId!);
        if (user is null || !await signIn.CanSignInAsync(user))
        {
            return TypedResults.LocalRedirect(SingleSignOnPaths.Refused(SingleSignOnPaths.Reason(ExternalSignInRefusal.Disabled)));
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SingleSignOnOptions.Scheme);
        logger.LogInformation("{Email} signed in through {Provider}{Created}", user.Email, options.DisplayName, outcome.Created ? " (account created)" : "");
        return TypedResults.LocalRedirect(SingleSignOnPaths.SafeReturnUrl(returnUrl));
    }

    /// <summary>A claim's values: one claim per value, or (some providers, in userinfo) one claim holding a JSON array.</summary>
    private static IReadOnlyCollection<string> Values(ClaimsPrincipal principal, string claimType) =>
        principal.FindAll(claimType).SelectMany(c => c.Value.StartsWith('[') ? JsonValues(c.Value) : [c.Value])
            .Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> JsonValues(string json)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [json];
        }
    }
}

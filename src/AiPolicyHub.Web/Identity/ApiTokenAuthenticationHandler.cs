using System.Security.Claims;
using System.Text.Encodings.Web;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// <c>Authorization: Bearer aiph_…</c> on <c>/api/v1</c>, the OpenAPI document and the MCP server (<c>/mcp</c>) only. The principal is built afresh on every call from the token's
/// owner as stored now (the same claims as a browser session), so a role taken away counts from the next call; a revoked or
/// expired token, or a disabled or locked account, gets 401. Anywhere else the header is ignored, and API calls never fall
/// back to the session cookie (which would let another site's page call the API as the signed-in user).
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ApiPath = "/api/v1";
    public const string TokenIdClaim = "aipolicyhub:api_token_id";

    private const string RefusalKey = "aipolicyhub:api_token_refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Path.StartsWithSegments(ApiPath) && Request.Path != Hosting.ApiRegistration.DocumentPath
            && !Request.Path.StartsWithSegments(Hosting.McpRegistration.Path))
        {
            return AuthenticateResult.NoResult();
        }
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var outcome = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (!outcome.Succeeded)
        {
            return Refuse(outcome.Errors[0]);
        }
        var user = await users.FindByIdAsync(outcome.Value!.UserId);
        if (user is null)
        {
            return Refuse("The API token is not known.");
        }
        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(TokenIdClaim, outcome.Value.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimsIdentity.DefaultNameClaimType, ClaimsIdentity.DefaultRoleClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[RefusalKey] = reason;
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>401 as a problem (never a redirect to the sign-in page), saying what was wrong with the token.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[RefusalKey] as string;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, reason is null
            ? "Bearer realm=\"AiPolicyHub\""
            : $"Bearer realm=\"AiPolicyHub\", error=\"invalid_token\", error_description=\"{reason}\"");
        await TypedResults.Problem(
                reason ?? "Send an API token as 'Authorization: Bearer <token>'. Create one on your profile page.",
                statusCode: StatusCodes.Status401Unauthorized, title: "API token missing or refused")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await TypedResults.Problem("Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
            .ExecuteAsync(Context);
}

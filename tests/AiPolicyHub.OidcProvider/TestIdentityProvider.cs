using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AiPolicyHub.OidcProvider;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on 127.0.0.1 for the single sign-on tests: one confidential client, the
/// authorization code flow with PKCE required, ID tokens carrying a <c>groups</c> and a <c>department</c> claim, a plain
/// login form (user name and password), and <c>POST /test/users/{userName}/groups</c> (a JSON array) for a test to change a
/// person's groups between sign-ins.
/// Its stores are OpenIddict's Entity Framework ones on an in-memory SQLite database; its keys are ephemeral.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string GroupsClaim = "groups";
    public const string DepartmentClaim = "department";
    private const string LoginScheme = "TestIdp.Login";

    private readonly WebApplication app;
    private readonly SqliteConnection database;

    private TestIdentityProvider(WebApplication app, SqliteConnection database, int port)
    {
        this.app = app;
        this.database = database;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The issuer, and the authority the app is configured with.</summary>
    public string Issuer => $"http://127.0.0.1:{Port}/";

    /// <summary>Starts the provider on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<TestIdentityProvider> StartAsync(int port, string clientId, string clientSecret, Uri redirectUri, IEnumerable<TestUser> people)
    {
        var users = new ConcurrentDictionary<string, TestUser>(people.ToDictionary(u => u.UserName), StringComparer.OrdinalIgnoreCase);
        var issuer = new Uri($"http://127.0.0.1:{port}/");
        var database = new SqliteConnection("Data Source=:memory:");
        await database.OpenAsync();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls(issuer.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDbContext>(o => o.UseSqlite(database).UseOpenIddict());
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, o =>
        {
            o.Cookie.Name = "TestIdp.Login"; // the app on another port of 127.0.0.1 shares the host's cookie jar
            o.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(issuer);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.RegisterClaims(GroupsClaim, DepartmentClaim);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // plain http on the loopback address, for tests only
            });

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = clientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "AiPolicyHub",
                RedirectUris = { redirectUri },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email, Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }
        app.UseAuthentication();
        app.UseAuthorization();
        // For the tests only: change a person's groups between two sign-ins (the provider listens on the loopback address only).
        app.MapPost("/test/users/{userName}/groups", (string userName, string[] groups) =>
        {
            if (!users.ContainsKey(userName))
            {
                return Results.NotFound();
            }
            users.AddOrUpdate(userName, _ => throw new KeyNotFoundException(userName), (_, user) => user with { Groups = groups });
            return Results.NoContent();
        });
        app.MapGet("/login", (string? returnUrl) => Results.Content(LoginForm(returnUrl, error: null), "text/html"));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"].ToString())
            {
                return Results.Content(LoginForm(returnUrl, "Wrong user name or password."), "text/html", statusCode: StatusCodes.Status200OK);
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName)], LoginScheme);
            await context.SignInAsync(LoginScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) ? returnUrl : "/login");
        });
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var login = await context.AuthenticateAsync(LoginScheme);
            if (!login.Succeeded || !users.TryGetValue(login.Principal.Identity?.Name ?? "", out var user))
            {
                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));
            }
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.Subject)
                .SetClaim(Claims.Name, user.Name)
                .SetClaim(Claims.Email, user.Email)
                .SetClaim(Claims.PreferredUsername, user.UserName)
                .SetClaims(GroupsClaim, [.. user.Groups]);
            if (user.Department is { } department)
            {
                identity.SetClaim(DepartmentClaim, department);
            }
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (!request.IsAuthorizationCodeGrantType())
            {
                return Results.BadRequest();
            }
            // OpenIddict has checked the code, the client's secret and the PKCE verifier: hand back what the code was issued for.
            var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        return new TestIdentityProvider(app, database, port);
    }

    private static string LoginForm(string? returnUrl, string? error)
    {
        var encoder = HtmlEncoder.Default;
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
            <body>
            <h1>Test identity provider</h1>
            {(error is null ? "" : $"<p role=\"alert\">{encoder.Encode(error)}</p>")}
            <form method="post" action="/login">
              <input type="hidden" name="returnUrl" value="{encoder.Encode(returnUrl ?? "")}">
              <p><label for="username">User name</label> <input id="username" name="username" autocomplete="username"></p>
              <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
              <button type="submit">Sign in</button>
            </form>
            </body></html>
            """;
    }

    /// <summary>Completes when the host is told to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }
}

internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);

using System.Net;
using System.Text.Json;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Hosting;

/// <summary>Every kind of response carries the security headers; Development mode leaks nothing either.</summary>
public sealed class SecurityHeadersTests
{
    private static readonly Uri Https = new("https://aipolicyhub.example.test");

    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers()
    {
        using var app = new AppFactory();
        var (browser, api) = await ClientsAsync(app);
        // The tools' service fails, as in a database outage: the 500s of a page and of the API.
        using var failing = AppFactory.WithServices(services => services.AddSingleton<ToolCatalog>(_ => throw new InvalidOperationException("outage")));
        var (failingBrowser, failingApi) = await ClientsAsync(failing);

        var responses = new (string Kind, HttpResponseMessage Response, HttpStatusCode Status, bool Data)[]
        {
            ("page", await browser.GetAsync("/workflows"), HttpStatusCode.OK, false),
            ("sign-in page", await app.CreateClient(new() { BaseAddress = Https }).GetAsync("/account/sign-in"), HttpStatusCode.OK, false),
            ("API", await api.GetAsync("/api/v1/workflows"), HttpStatusCode.OK, true),
            ("CSV", await browser.GetAsync("/export/workflows.csv"), HttpStatusCode.OK, true),
            ("XLSX", await browser.GetAsync("/export/workflows.xlsx"), HttpStatusCode.OK, true),
            ("PDF", await browser.GetAsync("/reports/quick-reference.pdf"), HttpStatusCode.OK, true),
            ("API PDF", await api.GetAsync("/api/v1/reports/quick-reference.pdf"), HttpStatusCode.OK, true),
            ("OpenAPI", await api.GetAsync("/openapi/v1.json"), HttpStatusCode.OK, true),
            ("page 404", await browser.GetAsync("/no-such-page"), HttpStatusCode.NotFound, false),
            ("API 404", await api.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, true),
            ("API 400", await api.GetAsync("/api/v1/workflows?sort=-1"), HttpStatusCode.BadRequest, true),
            ("page 500", await failingBrowser.GetAsync("/tools"), HttpStatusCode.InternalServerError, false),
            ("API 500", await failingApi.GetAsync("/api/v1/tools"), HttpStatusCode.InternalServerError, true),
        };

        foreach (var (kind, response, status, data) in responses)
        {
            Assert.True(status == response.StatusCode, $"{kind}: {response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
            Assert.True(directives.GetValueOrDefault("script-src") == "script-src 'self'", $"{kind}: {csp}");
            Assert.True(directives.GetValueOrDefault("object-src") == "object-src 'none'", $"{kind}: {csp}");
            Assert.True(directives.GetValueOrDefault("base-uri") == "base-uri 'self'", $"{kind}: {csp}");
            Assert.True(directives.GetValueOrDefault("frame-ancestors") == "frame-ancestors 'none'", $"{kind}: {csp}");
            Assert.True(directives.GetValueOrDefault("form-action") == "form-action 'self'", $"{kind}: {csp}");
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", kind);
            Assert.True(Header(response, "Referrer-Policy") == "no-referrer", kind);
            Assert.True(Header(response, "Permissions-Policy").Contains("camera=()"), kind);
            Assert.True(Header(response, "Strict-Transport-Security").StartsWith("max-age="), kind);
            Assert.False(response.Headers.Contains("X-AiPolicyHub-Instance"), kind);
            Assert.False(response.Headers.Contains("Server"), kind);
            if (data)
            {
                Assert.True(Header(response, "Cache-Control").Contains("no-store"), $"{kind}: Cache-Control {Header(response, "Cache-Control")}");
            }
        }
    }

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_secure()
    {
        using var app = new AppFactory();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = Https });

        var form = await client.GetAsync("/account/sign-in");
        var signIn = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AiPolicyHub.Session=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_instance_header_is_sent_only_when_switched_on_for_debugging()
    {
        using var on = AppFactory.WithSettings(new Dictionary<string, string> { ["Instance:ResponseHeader"] = "true" });

        var response = await on.CreateClient().GetAsync("/healthz");

        Assert.True(response.Headers.Contains("X-AiPolicyHub-Instance"));
    }

    [Fact]
    public async Task In_development_a_failing_api_call_tells_nothing_of_the_exception_nor_the_request_headers()
    {
        using var app = AppFactory.InDevelopment(services =>
            services.AddSingleton<ToolCatalog>(_ => throw new InvalidOperationException("connection to db-internal.example refused")));
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);

        var response = await app.ClientWith(officer.Token).GetAsync("/api/v1/tools");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(officer.Token, text);
        Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("db-internal", text);
        Assert.DoesNotContain(" at ", text);
        Assert.DoesNotContain("headers", JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name.ToLowerInvariant()));
    }

    [Fact]
    public void The_default_launch_profile_runs_production_and_development_is_a_profile_of_its_own()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AiPolicyHub.sln")))
        {
            folder = folder.Parent;
        }
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder!.FullName, "src", "AiPolicyHub.Web", "Properties", "launchSettings.json")));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject().ToList();

        // `dotnet run` takes the first profile.
        Assert.Equal("Production", EnvironmentOf(profiles[0].Value));
        Assert.Contains(profiles, p => p.Name == "Development" && EnvironmentOf(p.Value) == "Development");

        static string? EnvironmentOf(JsonElement profile) =>
            profile.TryGetProperty("environmentVariables", out var variables) && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var value)
                ? value.GetString() : null;
    }

    /// <summary>A compliance officer's browser (signed in) and API client (with a token), both over HTTPS.</summary>
    private static async Task<(HttpClient Browser, HttpClient Api)> ClientsAsync(AppFactory app)
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = Https });
        await AppFactory.SignInAsync(browser, officer.Email, "api test password");
        var api = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Https });
        api.DefaultRequestHeaders.Authorization = new("Bearer", officer.Token);
        return (browser, api);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";
}

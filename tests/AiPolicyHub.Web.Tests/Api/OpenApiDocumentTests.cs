using System.Net;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>The OpenAPI document describes the API the app actually serves.</summary>
public sealed class OpenApiDocumentTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_document_lists_every_api_endpoint_the_app_serves_and_the_bearer_scheme()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method.ToLowerInvariant()} {Normalise(e.RoutePattern.RawText!)}"))
            .Order().ToList();

        var response = await app.ClientWith(staff.Token).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await ApiFixture.JsonOf(response);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(op => $"{op.Name} {Normalise(path.Name)}"))
            .Order().ToList();
        Assert.True(served.Count >= 15, $"only {served.Count} API endpoints found");
        Assert.Equal(served, documented);
        Assert.Contains("patch /api/v1/tools/{id}", documented);
        Assert.Contains("patch /api/v1/workflows/{id}", documented);
        Assert.Contains("patch /api/v1/agents/{id}", documented);
        Assert.Contains("post /api/v1/agents/{id}/approve", documented);
        Assert.Contains("post /api/v1/connectors/{id}/pause", documented);
        Assert.Contains("post /api/v1/pauses/{id}/restart", documented);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task The_document_opens_in_a_signed_in_browser_but_not_for_anonymous_visitors()
    {
        var browser = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(browser, await app.CreateUserAsync(Roles.Staff, "openapi reader password"), "openapi reader password");

        var anonymous = await app.ClientWith(null).GetAsync("/openapi/v1.json");
        var signedIn = await browser.GetAsync("/openapi/v1.json");

        Assert.True(AppFactory.IsRedirectTo(anonymous, "/account/sign-in"), $"{anonymous.StatusCode} {anonymous.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("AiPolicyHub API", (await ApiFixture.JsonOf(signedIn)).GetProperty("info").GetProperty("title").GetString());
    }

    /// <summary>"/api/v1/tools/{id:int}" and "/api/v1/tools/{id}" are the same path.</summary>
    private static string Normalise(string route) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(route.Trim('/'), @"\{([^}:?=]+)[^}]*\}", "{$1}");
}

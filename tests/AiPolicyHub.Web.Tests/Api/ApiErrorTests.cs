using System.Net;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Whatever goes wrong under /api/v1, the caller reads an RFC 7807 problem: never the HTML pages or the sign-in redirect.</summary>
public sealed class ApiErrorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Secret = "connection to db-internal.example:5432 refused for user aiph_owner";

    [Fact]
    public async Task An_exception_gives_the_api_a_500_problem_that_tells_nothing_of_it_and_the_browser_the_html_error_page()
    {
        // The tools' service failing as a database outage would make it fail; it is behind /api/v1/tools and the tools page.
        using var failing = AppFactory.WithServices(services =>
            services.AddSingleton<ToolCatalog>(_ => throw new InvalidOperationException(Secret)));
        var compliance = await failing.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var browser = failing.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);

        var api = await failing.ClientWith(compliance.Token).GetAsync("/api/v1/tools");
        var page = await browser.GetAsync("/tools");

        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var text = await api.Content.ReadAsStringAsync();
        var problem = await ApiFixture.JsonOf(api);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("traceId", out _), text);
        Assert.DoesNotContain("db-internal", text);
        Assert.DoesNotContain(nameof(InvalidOperationException), text);
        Assert.DoesNotContain(" at ", text); // no stack frame
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("db-internal", html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")] // a browser's address bar
    [InlineData("text/html")]
    public async Task Refusals_unknown_addresses_and_wrong_methods_are_problems(string? accept)
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var tool = ApiFixture.NewTool("Problem tool", await app.ClassificationIdAsync("Internal"));

        var answers = new Dictionary<HttpStatusCode, HttpResponseMessage>
        {
            [HttpStatusCode.Unauthorized] = await SendAsync(null, HttpMethod.Get, "/api/v1/tools", accept),
            [HttpStatusCode.Forbidden] = await SendAsync(staff.Token, HttpMethod.Post, "/api/v1/tools", accept, tool),
            [HttpStatusCode.NotFound] = await SendAsync(staff.Token, HttpMethod.Get, "/api/v1/no-such-thing", accept),
            [HttpStatusCode.MethodNotAllowed] = await SendAsync(staff.Token, HttpMethod.Delete, "/api/v1/tools", accept),
        };

        foreach (var (status, response) in answers)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)status, (await ApiFixture.JsonOf(response)).GetProperty("status").GetInt32());
            Assert.Null(response.Headers.Location);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string? token, HttpMethod method, string path, string? accept, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiFixture.Json);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await app.ClientWith(token).SendAsync(request);
    }
}

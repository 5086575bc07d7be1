using System.Net;
using System.Text;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Tests.Api;

namespace AiPolicyHub.Web.Tests.Hosting;

/// <summary>The front door's rate limits: 429 with Retry-After once a client, an account, a token or a user has had its share.</summary>
public sealed class RateLimitTests
{
    private static AppFactory WithLimit(string limit, int permits) => AppFactory.WithSettings(new Dictionary<string, string>
    {
        [$"RateLimits:{limit}:Permits"] = permits.ToString(),
        [$"RateLimits:{limit}:Window"] = "00:10:00",
        ["FORWARDEDHEADERS_ENABLED"] = "true", // as ASPNETCORE_FORWARDEDHEADERS_ENABLED behind the proxy
    });

    private static HttpClient From(AppFactory app, string address)
    {
        var client = app.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task Sign_ins_from_one_client_address_behind_the_proxy_are_limited_and_another_address_is_not()
    {
        using var app = WithLimit("SignInPerClient", 3);
        var attacker = From(app, "203.0.113.7");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            answers.Add(await AppFactory.SignInAsync(attacker, $"someone-{attempt}@example.com", "a guess at the password"));
        }
        var colleague = await AppFactory.SignInAsync(From(app, "198.51.100.20"), AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(int.Parse(answers[3].Headers.GetValues("Retry-After").Single()) > 0);
        Assert.True(AppFactory.IsRedirectTo(colleague, "/"), $"{colleague.StatusCode}");
    }

    [Fact]
    public async Task Sign_ins_for_one_account_are_limited_whatever_the_client_address()
    {
        using var app = WithLimit("SignInPerAccount", 2);

        var first = await AppFactory.SignInAsync(From(app, "203.0.113.1"), AppFactory.AdminEmail, "a guess at the password");
        var second = await AppFactory.SignInAsync(From(app, "203.0.113.2"), AppFactory.AdminEmail, "another guess");
        var third = await AppFactory.SignInAsync(From(app, "203.0.113.3"), AppFactory.AdminEmail.ToUpperInvariant(), AppFactory.AdminPassword);
        var otherAccount = await AppFactory.SignInAsync(From(app, "203.0.113.3"), "someone-else@example.com", "a guess at the password");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode); // even with the right password
        Assert.True(third.Headers.Contains("Retry-After"));
        Assert.Contains("Too many sign-in attempts", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Api_calls_are_limited_per_token()
    {
        using var app = WithLimit("ApiPerToken", 5);
        var first = await app.CreateTokenUserAsync(Roles.Staff);
        var second = await app.CreateTokenUserAsync(Roles.Staff);
        var client = app.ClientWith(first.Token);

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 6; call++)
        {
            statuses.Add((await client.GetAsync("/api/v1/me")).StatusCode);
        }
        var refused = await client.GetAsync("/api/v1/me");
        var otherToken = await app.ClientWith(second.Token).GetAsync("/api/v1/me");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, otherToken.StatusCode);
    }

    [Fact]
    public async Task Invalid_tokens_from_one_client_are_limited()
    {
        using var app = WithLimit("ApiPerClient", 5);

        var statuses = new List<HttpStatusCode>();
        for (var guess = 0; guess < 7; guess++)
        {
            statuses.Add((await app.ClientWith($"aiph_guess{guess:D4}").GetAsync("/api/v1/me")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[6]);
    }

    [Fact]
    public async Task Report_generation_is_limited_per_user_on_pages_and_api()
    {
        using var app = WithLimit("ReportsPerUser", 2);
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var browser = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var api = app.ClientWith(officer.Token);

        var pages = new[] { await browser.GetAsync("/reports/quick-reference.pdf"), await browser.GetAsync("/reports/quick-reference.pdf"), await browser.GetAsync("/reports/quick-reference.pdf") };
        var calls = new[] { await api.GetAsync("/api/v1/reports/quick-reference.pdf"), await api.GetAsync("/api/v1/reports/quick-reference.pdf"), await api.GetAsync("/api/v1/reports/quick-reference.pdf") };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], pages.Select(r => r.StatusCode));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], calls.Select(r => r.StatusCode));
        Assert.True(pages[2].Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task The_statement_of_applicability_and_the_audit_pack_count_in_the_reports_budget()
    {
        using var app = WithLimit("ReportsPerUser", 2);
        var browser = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);

        var responses = new[] { await browser.GetAsync("/compliance/soa.pdf"), await browser.GetAsync("/compliance/soa.xlsx"), await browser.GetAsync("/compliance/audit-pack.zip") };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compliance/soa")).StatusCode);
    }

    [Fact]
    public async Task Imports_are_limited_per_user()
    {
        using var app = WithLimit("ImportsPerUser", 1);
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(officer.Token);

        Task<HttpResponseMessage> ImportAsync() => client.PostAsync("/api/v1/imports?preset=No+such+preset",
            new StringContent("name\nA workflow\n", Encoding.UTF8, "text/csv"));
        var first = await ImportAsync();
        var second = await ImportAsync();

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode); // through to the endpoint
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }
}

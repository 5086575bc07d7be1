using System.Net;

namespace AiPolicyHub.Web.Tests;

public class PipelineTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public PipelineTests(AppFactory app) => this.app = app;

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/");

        Assert.True(AppFactory.IsRedirectTo(response, "/account/sign-in"), response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/no-such-page")]
    public async Task Anonymous_visitors_see_no_page_but_sign_in(string path)
    {
        var response = await app.CreateBrowserlikeClient().GetAsync(path);

        Assert.True(AppFactory.IsRedirectTo(response, "/account/sign-in"), $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Blazor_script_and_health_check_answer_without_signing_in()
    {
        var client = app.CreateBrowserlikeClient();

        var script = await client.GetAsync("/_framework/blazor.web.js");
        var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("Blazor", await script.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sign_in_page_is_a_plain_form_that_needs_no_javascript()
    {
        var html = await app.CreateBrowserlikeClient().GetStringAsync("/account/sign-in");

        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.Contains("<title>Sign in · AiPolicyHub</title>", html);
    }

    [Fact]
    public async Task A_signed_in_user_who_asks_for_a_missing_page_gets_a_not_found_page()
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}

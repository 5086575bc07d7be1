using System.Net;
using System.Net.Http.Headers;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ApiTokenTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ApiTokenTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_token_created_on_the_profile_page_is_shown_once_works_with_curl_like_requests_and_stops_when_revoked()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var profile = new ProfilePage(admin);
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await profile.OpenFromHeaderAsync("Administrator");

        var token = await profile.CreateTokenAsync("CI export", "30 days");

        Assert.StartsWith("aiph_", token);
        await Expect(profile.Row("CI export")).ToContainTextAsync("Active");
        await Expect(profile.Row("CI export")).ToContainTextAsync("Never");
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await http.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("Administrator", await me.Content.ReadAsStringAsync());

        // Shown once: after a reload the list has the token (now used), the secret is gone.
        await admin.ReloadAsync();
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await Expect(profile.NewToken).ToHaveCountAsync(0);
        await Expect(profile.Row("CI export")).Not.ToContainTextAsync("Never");
        Assert.DoesNotContain(token, await admin.ContentAsync());

        await profile.RevokeAsync("CI export");

        await Expect(profile.Row("CI export")).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me")).StatusCode);
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>Every main page works under the app's Content-Security-Policy, in real Chromium, and breaks none of its rules.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, DemoAppFixture demo, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await demo.AppAsync();

    public Task DisposeAsync() => app.EndTestAsync(output, nameof(ContentSecurityPolicyTests));

    private static readonly string[] MainPages =
    [
        "/", "/workflows", "/workflows/new", "/workflows/1", "/tools", "/tools/new", "/tools/1", "/tools/directory", "/findings", "/check",
        "/requests",
        "/incidents", "/incidents/new", "/pauses", "/policy", "/policy/edit", "/policy/acknowledgements", "/reports", "/import", "/audit",
        "/admin/users", "/admin/organisation", "/admin/single-sign-on", "/admin/rules", "/admin/triggers", "/admin/email",
        "/admin/webhooks", "/profile",
    ];

    [Fact]
    public async Task Every_main_page_runs_under_the_policy_with_no_violation()
    {
        var violations = new List<string>();
        var page = await browser.NewPageAsync(app);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        // Also what the browser reports as an event, in case a violation does not reach the console.
        await page.Context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        var signInResponse = await page.GotoAsync("/account/sign-in");
        Assert.Contains("script-src 'self'", (await signInResponse!.AllHeadersAsync())["content-security-policy"]);
        Assert.False((await signInResponse.AllHeadersAsync()).ContainsKey("server"));
        await new SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        var shell = new AppShell(page);

        foreach (var address in MainPages)
        {
            var response = await page.GotoAsync(address);
            Assert.True(response!.Ok, $"{address}: {response.Status}");
            var headers = await response.AllHeadersAsync();
            Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
            Assert.False(headers.ContainsKey("server"), $"{address}: Server {headers.GetValueOrDefault("server")}");
            // Generous: on a loaded 2-core machine a circuit can take a while to start.
            await Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(shell.Heading).ToBeVisibleAsync();
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
        // Interactive behaviour that needs the scripts: the theme switch (Blazor, MudBlazor and app.js, which stores the
        // choice and re-themes the page body).
        await shell.ThemeToggle.ClickAsync();
        await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("body.app-dark")).ToHaveCountAsync(1);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

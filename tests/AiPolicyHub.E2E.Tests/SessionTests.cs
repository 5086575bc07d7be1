using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    // Revalidate every 2 s instead of 30 s so the test need not wait; the mechanism is the same.
    private readonly AppProcess app = AppProcess.Create(settings: new Dictionary<string, string>
    {
        ["Security__RevalidationInterval"] = "00:00:02",
    });

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(SessionTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Disabling_an_account_ends_that_users_open_page()
    {
        var admin = await SignedInPageAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        var users = new UsersPage(admin);
        await users.OpenAsync();
        var oneTimePassword = await users.AddUserAsync("dan.doomed@example.com", "Dan Doomed");
        var staff = await browser.NewPageAsync(app);
        await new SignInPage(staff).OpenAsync();
        await new SignInPage(staff).SignInFirstTimeAsync("dan.doomed@example.com", oneTimePassword, "dan's own password");
        await new AppShell(staff).WaitUntilInteractiveAsync();

        await users.DisableAsync("Dan Doomed");
        await Expect(users.Row("Dan Doomed")).ToContainTextAsync("Disabled");

        // Nobody touches Dan's page: the server ends the circuit and the page goes to sign-in.
        await Expect(staff).ToHaveURLAsync(new Regex("/account/sign-in"), new() { Timeout = 20_000 });
        await staff.GotoAsync("/");
        await Expect(staff).ToHaveURLAsync(new Regex("/account/sign-in"));
        await new SignInPage(staff).SignInAsync("dan.doomed@example.com", "dan's own password");
        // The same answer as a wrong password: a disabled account is not revealed to whoever holds its password.
        await Expect(new SignInPage(staff).Error).ToContainTextAsync("Wrong email or password.");
    }

    [Fact]
    public async Task The_reconnect_notice_appears_while_the_server_is_down_and_the_page_recovers_when_it_returns()
    {
        var page = await SignedInPageAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        var shell = new AppShell(page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.ReconnectDialog).ToBeHiddenAsync();

        await app.KillAsync();

        await Expect(shell.ReconnectDialog).ToBeVisibleAsync();
        await Expect(shell.ReconnectDialog).ToContainTextAsync("Connection to the server lost. Reconnecting");

        await app.StartAsync();

        // The restarted server no longer knows the old circuit: the page reloads itself and the
        // session cookie, whose keys are in the database, still signs the user in.
        await Expect(shell.ReconnectDialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
        await shell.WaitUntilInteractiveAsync();
        await shell.ThemeToggle.ClickAsync();
        await Expect(page.Locator(".app-layout.app-dark")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_link_clicked_while_the_page_is_still_connecting_opens_the_page_it_names()
    {
        var page = await SignedInPageAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        // Hold the page's connection to the server back until the link has been clicked, as on a slow network.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/");
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/check$"));
        release.SetResult();

        await new AppShell(page).WaitUntilInteractiveAsync();
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Can I use AI for this?");
        await Expect(page.GetByLabel("AI tool", new() { Exact = true })).ToBeVisibleAsync();
    }

    private async Task<IPage> SignedInPageAsync(string email, string password)
    {
        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(email, password);
        return page;
    }
}

using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class UserAdministrationTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(UserAdministrationTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task The_administrator_creates_a_staff_user_who_cannot_open_user_administration()
    {
        var admin = await browser.NewPageAsync(app);
        await new SignInPage(admin).OpenAsync();
        await new SignInPage(admin).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        await Expect(new AppShell(admin).Heading).ToHaveTextAsync("Dashboard");

        var users = new UsersPage(admin);
        await users.OpenAsync();
        var oneTimePassword = await users.AddUserAsync("sam.staff@example.com", "Sam Staff");
        await Expect(users.Row("sam.staff@example.com")).ToContainTextAsync("Staff");
        await new AppShell(admin).SignOutAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");

        var staff = await browser.NewPageAsync(app);
        await new SignInPage(staff).OpenAsync();
        await new SignInPage(staff).SignInFirstTimeAsync("sam.staff@example.com", oneTimePassword, "my own staff password");
        var shell = new AppShell(staff);
        await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.UsersLink).ToHaveCountAsync(0);

        // Typing the address is refused by the server, not merely hidden from the menu.
        await staff.GotoAsync("/admin/users");
        await Expect(staff).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(shell.Heading).ToHaveTextAsync("Access denied");
        Assert.DoesNotContain("sam.staff@example.com", await staff.ContentAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var page = await browser.NewPageAsync(app);
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await signIn.SignInAsync(AppProcess.AdminEmail, $"wrong password {attempt}");
            await Expect(signIn.Error).ToBeVisibleAsync();
        }
        await signIn.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);

        // The right password now answers as a wrong one would: the form tells no stranger that a guess was right.
        await Expect(signIn.Error).ToContainTextAsync("Wrong email or password.");
        await Expect(signIn.Error).Not.ToContainTextAsync("This account is locked");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
    }

    [Fact]
    public async Task The_theme_toggle_responds_and_the_choice_survives_a_reload()
    {
        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        var shell = new AppShell(page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(page.Locator(".app-layout.app-dark")).ToHaveCountAsync(0);

        await shell.ThemeToggle.ClickAsync();

        await Expect(page.Locator(".app-layout.app-dark")).ToHaveCountAsync(1);
        // The choice is stored in a cookie by script; reload once it is there.
        for (var tries = 0; !(await page.Context.CookiesAsync()).Any(c => c.Name == "AiPolicyHub.Theme" && c.Value == "dark"); tries++)
        {
            Assert.True(tries < 50, "The theme cookie was not stored within 5 s.");
            await Task.Delay(100);
        }
        await page.ReloadAsync();
        await Expect(page.Locator(".app-layout.app-dark")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_user_grid_filters_as_the_administrator_types()
    {
        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        var users = new UsersPage(page);
        await users.OpenAsync();
        await users.AddUserAsync("rita.review@example.com", "Rita Review");
        await Expect(users.Row("Administrator")).ToHaveCountAsync(1);

        await page.GetByLabel("Search users").FillAsync("rita");

        await Expect(users.Row("Rita Review")).ToHaveCountAsync(1);
        await Expect(users.Row("admin@example.com")).ToHaveCountAsync(0);
    }
}

using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class UserAdministrationTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

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
        await admin.ScreenshotAsync(new() { Path = "/tmp/shot-users.png" });
        await new AppShell(admin).SignOutAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");

        var staff = await browser.NewPageAsync(app);
        await new SignInPage(staff).OpenAsync();
        await staff.ScreenshotAsync(new() { Path = "/tmp/shot-signin.png" });
        await new SignInPage(staff).SignInFirstTimeAsync("sam.staff@example.com", oneTimePassword, "my own staff password");
        var shell = new AppShell(staff);
        await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
        await shell.WaitUntilInteractiveAsync();
        await staff.ScreenshotAsync(new() { Path = "/tmp/shot-dash.png" });
        await Expect(shell.UsersLink).ToHaveCountAsync(0);

        // Typing the address is refused by the server, not merely hidden from the menu.
        var response = await staff.GotoAsync("/admin/users");
        await Expect(staff).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(shell.Heading).ToHaveTextAsync("Access denied");
        await staff.ScreenshotAsync(new() { Path = "/tmp/shot-denied.png" });
        Assert.DoesNotContain("sam.staff@example.com", await staff.ContentAsync());
        Assert.NotNull(response);
    }
}

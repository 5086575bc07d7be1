using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class FirstRunTests(BrowserFixture browser)
{
    [Fact]
    public async Task Without_configured_credentials_the_first_administrator_signs_in_with_the_printed_password()
    {
        await using var app = AppProcess.Create(configureAdministrator: false);
        await app.StartAsync();
        var printed = OneTimePasswordLine().Match(app.Output);
        Assert.True(printed.Success, app.Output);

        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInFirstTimeAsync("admin@localhost", printed.Groups[1].Value, "the first chosen passphrase"); // no "admin": PasswordPolicy refuses the email in it

        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");
        // An empty organisation gets its first steps, each with where to do it.
        var checklist = page.GetByRole(AriaRole.Region, new() { Name = "Set up AiPolicyHub for your organisation" });
        await Expect(checklist.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(6);
        await Expect(checklist).ToContainTextAsync("0 of 6 steps done.");

        // A restart neither creates another administrator nor prints a password again.
        await app.KillAsync();
        await app.StartAsync();
        Assert.Single(OneTimePasswordLine().Matches(app.Output));
        await page.ReloadAsync();
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");

        // Each open step links to where it is done.
        await new AppShell(page).WaitUntilInteractiveAsync();
        await checklist.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Invite your colleagues" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
    }

    [Fact]
    public async Task A_corrupt_database_file_stops_the_app_with_advice_and_no_stack_trace()
    {
        await using var app = AppProcess.Create();
        var file = Path.Combine(app.DataFolder, "aipolicyhub.db");
        await File.WriteAllTextAsync(file, "a spreadsheet someone saved here by mistake");

        var exitCode = await app.RunUntilExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("is not a readable SQLite database", app.Output);
        Assert.Contains("Restore it from a backup", app.Output);
        Assert.DoesNotMatch(new Regex(@"^\s+at \S+\(", RegexOptions.Multiline), app.Output);
        Assert.Equal("a spreadsheet someone saved here by mistake", await File.ReadAllTextAsync(file));
    }

    [GeneratedRegex(@"One-time password:\s+(\S+)")]
    private static partial Regex OneTimePasswordLine();
}

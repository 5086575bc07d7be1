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

        // A restart neither creates another administrator nor prints a password again.
        await app.KillAsync();
        await app.StartAsync();
        Assert.Single(OneTimePasswordLine().Matches(app.Output));
        await page.ReloadAsync();
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");
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

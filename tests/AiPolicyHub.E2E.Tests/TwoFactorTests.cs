using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// Two-factor sign-in in Chromium, as a person with an authenticator app goes through it. The test is the app: it computes
/// each code (Otp.NET) from the key the page shows, at the app's time.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(TwoFactorTests));
        await app.DisposeAsync();
    }

    private static string CodeAt(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    private async Task SignInWithPasswordAsync(IPage page)
    {
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
    }

    private static async Task ExpectNoSeriousAccessibilityProblemAsync(IPage page)
    {
        Assert.Empty((await Axe.SeriousViolationsAsync(page)).Select(v => $"{page.Url}: {v}"));
    }

    [Fact]
    public async Task A_user_enrols_signs_in_with_a_code_and_a_recovery_code_works_once()
    {
        var page = await browser.SignedInAdministratorAsync(app);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        await new ProfilePage(page).OpenFromHeaderAsync("Administrator");
        var setup = new TwoFactorSetupPage(page);
        await setup.OpenFromProfileAsync();

        // Enrol: the QR code and the otpauth address carry the key the page shows.
        await Expect(setup.QrCode).ToBeVisibleAsync();
        var key = await setup.KeyAsync();
        Assert.Matches("^[A-Z2-7]{32}$", key);
        Assert.Contains($"secret={key}", await setup.OtpauthUri.TextContentAsync());
        await Shots.TakeAsync(page, "two-factor-setup");
        await ExpectNoSeriousAccessibilityProblemAsync(page);
        var enrolledAt = await app.NowAsync();
        await setup.SwitchOnAsync(CodeAt(key, enrolledAt));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Store these recovery codes now");
        await Expect(setup.RecoveryCodes).ToHaveCountAsync(10);
        var recoveryCode = (await setup.RecoveryCodes.First.InnerTextAsync()).Trim();
        await Shots.TakeAsync(page, "two-factor-recovery-codes");

        // Sign out, and in again: the password alone no longer opens the app.
        await page.GotoAsync("/");
        await new AppShell(page).SignOutAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await SignInWithPasswordAsync(page);
        var secondStep = new TwoFactorSignInPage(page);
        await Shots.TakeAsync(page, "two-factor-sign-in");
        await ExpectNoSeriousAccessibilityProblemAsync(page);
        await secondStep.EnterCodeAsync("000000" == CodeAt(key, enrolledAt) ? "111111" : "000000");
        await Expect(secondStep.Error).ToContainTextAsync("That code is not right.");
        // The code of the enrolment's step is used up; the next step's, as a phone a little ahead shows, is accepted.
        await secondStep.EnterCodeAsync(CodeAt(key, (await app.NowAsync()).AddSeconds(30)));
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await page.GotoAsync("/account/two-factor");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have 10 unused recovery codes left.");
        await Shots.TakeAsync(page, "two-factor-manage");
        await page.GotoAsync("/");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");

        // A recovery code instead of the app: it works once.
        await new AppShell(page).SignOutAsync();
        await SignInWithPasswordAsync(page);
        await secondStep.EnterRecoveryCodeAsync(recoveryCode);
        await new AppShell(page).WaitUntilInteractiveAsync();
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");

        await new AppShell(page).SignOutAsync();
        await SignInWithPasswordAsync(page);
        await secondStep.EnterRecoveryCodeAsync(recoveryCode);
        await Expect(secondStep.Error).ToContainTextAsync("That recovery code is wrong or has been used already.");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

/// <summary>Screenshots of new pages, for a person to look at (into AIPOLICYHUB_SHOTS when set; otherwise none).</summary>
internal static class Shots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}

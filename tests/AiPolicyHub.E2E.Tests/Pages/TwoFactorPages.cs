using System.Text.RegularExpressions;

namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The two-factor setup page (/account/two-factor), reached from the profile page.</summary>
public sealed class TwoFactorSetupPage(IPage page)
{
    public ILocator SharedKey => page.GetByTestId("shared-key");
    public ILocator QrCode => page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" });
    public ILocator OtpauthUri => page.GetByTestId("otpauth-uri");
    public ILocator RecoveryCodes => page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem);
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task OpenFromProfileAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/two-factor$"));
    }

    /// <summary>The key as an app needs it: the grouped key without its spaces.</summary>
    public async Task<string> KeyAsync() => (await SharedKey.InnerTextAsync()).Replace(" ", "").Trim();

    public async Task SwitchOnAsync(string code)
    {
        await page.GetByLabel("Code from your app").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch two-factor sign-in on" }).ClickAsync();
    }
}

/// <summary>The second step of signing in (/account/sign-in/two-factor).</summary>
public sealed class TwoFactorSignInPage(IPage page)
{
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task EnterCodeAsync(string code)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in/two-factor"));
        await page.GetByLabel("Authentication code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    public async Task EnterRecoveryCodeAsync(string code)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in/two-factor"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code instead" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The profile page, reached from the user's name in the header, where API tokens are created and revoked.</summary>
public sealed class ProfilePage(IPage page)
{
    public ILocator Tokens => page.GetByRole(AriaRole.Region, new() { Name = "API tokens" }).GetByTestId("tokens-grid");
    public ILocator NewToken => page.GetByTestId("new-api-token");

    public async Task OpenFromHeaderAsync(string userName)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = userName }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/profile$"));
        await new AppShell(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Creates a token and returns its secret, as shown this once.</summary>
    public async Task<string> CreateTokenAsync(string name, string expiry)
    {
        await page.GetByLabel("Token name").FillAsync(name);
        await page.GetByLabel("Expires after").SelectOptionAsync(new SelectOptionValue { Label = expiry });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(NewToken).ToBeVisibleAsync();
        return (await NewToken.InnerTextAsync()).Trim();
    }

    public ILocator Row(string name) => Tokens.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    public async Task RevokeAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
    }
}

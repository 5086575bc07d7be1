namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>Single sign-on as a person meets it: the button on the app's sign-in page, the provider's login form, the refusal page.</summary>
public sealed class SingleSignOnPages(IPage page, string providerName)
{
    public ILocator Button => page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {providerName}" });
    public ILocator PasswordField => page.GetByLabel("Password", new() { Exact = true });
    public ILocator RefusalHeading => page.GetByRole(AriaRole.Heading, new() { Name = "You cannot sign in to AiPolicyHub" });

    /// <summary>Opens the app's sign-in page and follows its single sign-on button, signing in at the provider when it asks.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await Button.ClickAsync();
        var providerForm = page.GetByRole(AriaRole.Heading, new() { Name = "Test identity provider" });
        var backInTheApp = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(backInTheApp).ToBeVisibleAsync();
        if (await providerForm.IsVisibleAsync())
        {
            await page.GetByLabel("User name").FillAsync(userName);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(providerForm).ToHaveCountAsync(0);
        }
    }

    /// <summary>The value shown beside <paramref name="fact"/> on the profile page (Name, Roles, Department).</summary>
    public static ILocator ProfileFact(IPage page, string fact) => page.Locator($"dl.profile-facts dt:text-is('{fact}') + dd");
}

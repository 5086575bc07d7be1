namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>What every signed-in page has: the header and the navigation.</summary>
public sealed class AppShell(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
    public ILocator UsersLink => Navigation.GetByRole(AriaRole.Link, new() { Name = "Users" });
    public ILocator ThemeToggle => page.GetByRole(AriaRole.Button, new() { Name = "Switch light and dark theme" });
    public ILocator ReconnectDialog => page.Locator("#components-reconnect-modal");

    /// <summary>Waits until the page is interactive (its Blazor circuit is connected).</summary>
    public async Task WaitUntilInteractiveAsync()
    {
        await Assertions.Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
    }

    public async Task SignOutAsync() =>
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
}

namespace AiPolicyHub.E2E.Tests.Pages;

public sealed class UsersPage(IPage page)
{
    public ILocator Grid => page.GetByRole(AriaRole.Grid);

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/users");
        await new AppShell(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Creates a user through the form and returns the one-time password shown to the administrator.</summary>
    public async Task<string> AddUserAsync(string email, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var password = page.GetByTestId("one-time-password");
        await Assertions.Expect(password).ToBeVisibleAsync();
        return (await password.InnerTextAsync()).Trim();
    }

    public ILocator Row(string text) => Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    public async Task DisableAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
    }
}

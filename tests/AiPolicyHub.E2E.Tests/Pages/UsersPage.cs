namespace AiPolicyHub.E2E.Tests.Pages;

public sealed class UsersPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("users-grid");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/users");
        await new AppShell(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Creates a user through the form and returns the one-time password shown to the administrator.</summary>
    /// <param name="department">The department the person works in (for policy acknowledgement rates); none when null.</param>
    public async Task<string> AddUserAsync(string email, string name, string role = "Staff", string? department = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        if (department is not null)
        {
            await page.GetByLabel("Department", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = department });
        }
        if (role != "Staff")
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = role, Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Staff", Exact = true }).UncheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var password = page.GetByTestId("one-time-password");
        await Assertions.Expect(password).ToBeVisibleAsync();
        return (await password.InnerTextAsync()).Trim();
    }

    public ILocator Row(string text) => Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    public async Task SetRolesAsync(string name, string role)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Roles of {name}" }).ClickAsync();
        foreach (var other in new[] { "Administrator", "Compliance officer", "Manager", "Staff" })
        {
            var box = page.GetByRole(AriaRole.Checkbox, new() { Name = other, Exact = true });
            if (other == role) await box.CheckAsync(); else await box.UncheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Assertions.Expect(Row(name)).ToContainTextAsync(role);
    }

    public async Task DisableAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
    }
}

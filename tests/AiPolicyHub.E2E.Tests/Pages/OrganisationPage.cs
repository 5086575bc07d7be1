namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The administrator's organisation page: departments and who manages them.</summary>
public sealed class OrganisationPage(IPage page)
{
    /// <summary>Makes <paramref name="person"/> a manager of <paramref name="department"/> and waits until the list shows it.</summary>
    public async Task AddManagerAsync(string department, string person)
    {
        await page.GotoAsync("/admin/organisation");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {department}" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = person }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save department" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = department })).ToContainTextAsync(person);
    }
}

using System.Text.RegularExpressions;

namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The workflow and tool edit pages: fields by their labels, actions by their buttons.</summary>
public sealed partial class InventoryPage(IPage page)
{
    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });
    public ILocator History => page.Locator("section.history");

    public ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    public async Task FillAsync(string label, string value) => await Field(label).FillAsync(value);

    public async Task SelectAsync(string label, string option) =>
        await Field(label).SelectOptionAsync(new SelectOptionValue { Label = option });

    public async Task CheckAsync(string label) =>
        await page.GetByRole(AriaRole.Checkbox, new() { Name = label }).CheckAsync();

    /// <summary>Saves and waits for the confirmation; returns the id in the page's address.</summary>
    public async Task<int> SaveAsync()
    {
        var entries = await History.Locator(".history-entry").CountAsync();
        await SaveButton.ClickAsync();
        await Assertions.Expect(page.Locator(".rz-notification-item").Filter(new() { HasText = "is saved" }).Last).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(IdInAddress());
        // The page reloads the record after saving; its history gains the new entry when that is done.
        await Assertions.Expect(History.Locator(".history-entry")).ToHaveCountAsync(entries + 1);
        return int.Parse(IdInAddress().Match(page.Url).Groups[1].Value);
    }

    /// <summary>Records an approved tool on the tool page, cleared for data up to <paramref name="maxClassification"/>.</summary>
    public static async Task AddApprovedToolAsync(IPage page, string name, string maxClassification, bool agreement)
    {
        await page.GotoAsync("/tools/new");
        await new AppShell(page).WaitUntilInteractiveAsync();
        var tool = new InventoryPage(page);
        await tool.FillAsync("Name", name);
        await tool.FillAsync("Vendor", "Vendor of " + name);
        await tool.SelectAsync("Approval status", "Approved");
        await tool.SelectAsync("Highest data classification it may receive", maxClassification);
        if (agreement)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "A data-processing agreement with the vendor is in place" }).CheckAsync();
        }
        await tool.SaveAsync();
    }

    public async Task RetireAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire" }).ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Retire", Exact = true }).ClickAsync();
    }

    [GeneratedRegex(@"/(?:workflows|tools)/(\d+)$")]
    private static partial Regex IdInAddress();
}

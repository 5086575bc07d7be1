using System.Text.RegularExpressions;

namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The workflow and tool edit pages: fields by their labels, actions by their buttons.</summary>
public sealed partial class InventoryPage(IPage page)
{
    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });
    public ILocator History => page.Locator("section.history");

    public ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    public async Task FillAsync(string label, string value) => await Field(label).FillAsync(value);

    /// <summary>Chooses an option in a native select, or in a MudSelect (a combobox whose options open in a list).</summary>
    public async Task SelectAsync(string label, string option)
    {
        var field = Field(label);
        if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await field.SelectOptionAsync(new SelectOptionValue { Label = option });
            return;
        }
        await field.ClickAsync();
        var choice = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await choice.ClickAsync();
        await Assertions.Expect(choice).ToHaveCountAsync(0);
    }

    public async Task CheckAsync(string label) =>
        await page.GetByRole(AriaRole.Checkbox, new() { Name = label }).CheckAsync();

    /// <summary>Saves and waits for the confirmation; returns the id in the page's address.</summary>
    public async Task<int> SaveAsync()
    {
        var entries = await History.Locator(".history-entry").CountAsync();
        await SaveButton.ClickAsync();
        await Assertions.Expect(page.GetByText("is saved").Last).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(IdInAddress());
        // The page reloads the record after saving; its history gains the new entry when that is done.
        await Assertions.Expect(History.Locator(".history-entry")).ToHaveCountAsync(entries + 1);
        return int.Parse(IdInAddress().Match(page.Url).Groups[1].Value);
    }

    /// <summary>Records a tool on a new tool page (as someone who may edit tools) and saves it.</summary>
    public async Task<int> AddToolAsync(string name, string status, string maxClassification, bool agreement = false)
    {
        await page.GotoAsync("/tools/new");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await FillAsync("Name", name);
        await FillAsync("Vendor", "Vendor of " + name);
        await SelectAsync("Approval status", status);
        await SelectAsync("Highest data classification it may receive", maxClassification);
        // Facts about the vendor's terms have no default: they are answered.
        await SelectAsync("Trains on our data", "Does not train on our data");
        await SelectAsync("Data-processing agreement with the vendor", agreement ? "In place" : "Not in place");
        return await SaveAsync();
    }

    public async Task RetireAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Retire", Exact = true }).ClickAsync();
    }

    [GeneratedRegex(@"/(?:workflows|tools)/(\d+)$")]
    private static partial Regex IdInAddress();
}

using System.Text.RegularExpressions;

namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The agent and connector pages: the record's form, its live policy check and risk, and its approval buttons.</summary>
public sealed partial class AgentPages(IPage page)
{
    public ILocator PolicyCheck => page.Locator("section.findings-panel");
    public ILocator Risk => page.Locator("section.risk-panel");
    public ILocator PausedNotice => page.Locator(".pause-notice");

    public ILocator Status(string status) => page.Locator($".badge[data-status='{status}']").First;

    /// <summary>Records a connector (as compliance, which may approve it) and returns its id.</summary>
    public async Task<int> AddConnectorAsync(string name, string tools)
    {
        await page.GotoAsync("/connectors/new");
        await new AppShell(page).WaitUntilInteractiveAsync();
        var form = new InventoryPage(page);
        await form.FillAsync("Name", name);
        await form.FillAsync("Tools it exposes", tools);
        await form.SelectAsync("Most sensitive data it reaches", "Internal");
        await form.SelectAsync("Approval status", "Approved");
        await form.SaveButton.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ConnectorAddress());
        return int.Parse(ConnectorAddress().Match(page.Url).Groups[1].Value);
    }

    /// <summary>Saves a new agent and submits it for approval; returns its id.</summary>
    public async Task<int> SaveAndSubmitAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and submit for approval" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AgentAddress());
        await Assertions.Expect(Status("Submitted")).ToBeVisibleAsync();
        return int.Parse(AgentAddress().Match(page.Url).Groups[1].Value);
    }

    public async Task ApproveAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(Status("Approved")).ToBeVisibleAsync();
    }

    /// <summary>Pauses the connector shown, confirming the agents and workflows it stops.</summary>
    public async Task PauseConnectorAsync(string reason)
    {
        await page.GetByLabel("Why it is paused").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause connector" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("these agents and the workflows relying on them");
        await dialog.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pause the connector") }).ClickAsync();
    }

    [GeneratedRegex(@"/agents/(\d+)$")]
    private static partial Regex AgentAddress();

    [GeneratedRegex(@"/connectors/(\d+)$")]
    private static partial Regex ConnectorAddress();
}

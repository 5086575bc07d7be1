using System.Text.RegularExpressions;

namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The compliance officer's policy editor (/policy/edit).</summary>
public sealed class PolicyEditorPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/policy/edit");
        await new AppShell(page).WaitUntilInteractiveAsync();
    }

    public ILocator Text(int section) => page.GetByLabel($"Text of section {section} (Markdown)", new() { Exact = true });

    public ILocator Preview(int section) => page.GetByRole(AriaRole.Region, new() { Name = $"Preview of section {section}", Exact = true });

    /// <summary>Publishes the draft as it is on screen with <paramref name="summary"/> and waits for the published policy.</summary>
    public async Task PublishAsync(string summary)
    {
        await page.GetByLabel("What changed (shown to staff)").FillAsync(summary);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Publish version [0-9]+$") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/policy$"));
        await Assertions.Expect(page.GetByTestId("policy-facts")).ToContainTextAsync(summary);
    }
}

/// <summary>The published policy (/policy) and the acknowledgement banner every page shows until it is acknowledged.</summary>
public sealed class PolicyPage(IPage page)
{
    public ILocator Banner => page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Please read and acknowledge version") });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/policy");
        await new AppShell(page).WaitUntilInteractiveAsync();
    }

    public async Task AcknowledgeAsync(int version)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"I have read and acknowledge version {version}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("acknowledged")).ToContainTextAsync($"You acknowledged version {version}");
    }
}

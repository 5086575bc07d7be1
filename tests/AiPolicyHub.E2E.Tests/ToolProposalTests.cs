using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>A manager's change to an approved tool waits for compliance; everyone keeps reading what compliance approved.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ToolProposalTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ToolProposalTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_managers_change_to_an_approved_tool_is_proposed_and_another_officer_accepts_it()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        var maya = await browser.SignedInColleagueAsync(app, admin, "maya@example.com", "Maya Manager", "Manager");
        var id = await new InventoryPage(cora).AddToolAsync("Chatty", "Approved", "Internal");

        // Maya loosens the approved tool's notes: the change is kept as a proposal, the tool stays as approved.
        await maya.GotoAsync($"/tools/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var mayaForm = new InventoryPage(maya);
        await mayaForm.FillAsync("Notes", "Any data, any use.");
        await mayaForm.SaveButton.ClickAsync();
        var proposals = maya.Locator("section[aria-labelledby='t-proposals']");
        await Expect(proposals).ToContainTextAsync("Proposed changes awaiting compliance (1)");
        await Expect(proposals).ToContainTextAsync("Any data, any use.");
        await Expect(mayaForm.Field("Notes")).ToHaveValueAsync("");
        await Expect(proposals.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveCountAsync(0);

        // Cora decides: the proposal is saved as hers, and the history says whose proposal it was.
        await cora.GotoAsync($"/tools/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        var coraProposals = cora.Locator("section[aria-labelledby='t-proposals']");
        await Expect(coraProposals).ToContainTextAsync("#1 by Maya Manager");
        await ScreenshotAsync(cora, "tool-proposal.png");
        await coraProposals.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(coraProposals).ToHaveCountAsync(0);
        var coraForm = new InventoryPage(cora);
        await Expect(coraForm.Field("Notes")).ToHaveValueAsync("Any data, any use.");
        await Expect(coraForm.History.Locator(".history-entry").First).ToContainTextAsync("#1 by Maya Manager: accepted");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AgentTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(AgentTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_records_an_agent_that_spends_compliance_approves_it_and_a_paused_connector_holds_it_until_a_second_officer_restarts_it()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var maya = await browser.SignedInColleagueAsync(app, admin, "maya@example.com", "Maya Manager", "Manager");
        await new OrganisationPage(admin).AddManagerAsync("General", "Maya Manager");
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        var colin = await browser.SignedInColleagueAsync(app, admin, "colin@example.com", "Colin Compliance", "Compliance officer");
        await new InventoryPage(admin).AddToolAsync("Chatty", "Approved", "Internal");
        var mail = await new AgentPages(cora).AddConnectorAsync("Mail MCP", "send_email");
        await new AgentPages(cora).AddConnectorAsync("ERP MCP", "list_invoices\napprove_payment");

        // A workflow of Maya's department that will rely on the agent.
        await maya.GotoAsync("/workflows/new");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var workflow = new InventoryPage(maya);
        await workflow.FillAsync("Name", "Supplier payments");
        await workflow.FillAsync("Purpose", "Pays supplier invoices that match their purchase orders.");
        await workflow.FillAsync("Approving role", "Finance lead");
        await workflow.SelectAsync("Most sensitive data classification", "Internal");
        await workflow.CheckAsync("Chatty");
        var workflowId = await workflow.SaveAsync();

        // Maya records the agent: two connectors and a spend permission; the policy check and the risk follow the form.
        await maya.GotoAsync("/agents/new");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var agent = new AgentPages(maya);
        var form = new InventoryPage(maya);
        await form.FillAsync("Name", "Invoice payment agent");
        await form.FillAsync("Purpose", "Matches supplier invoices to purchase orders and pays those that match.");
        await form.SelectAsync("AI tool or model it runs on", "Chatty");
        await form.SelectAsync("Most sensitive data it reaches", "Internal");
        await Expect(agent.Risk.GetByTestId("risk-tier")).ToBeVisibleAsync();
        await form.CheckAsync("Spend money or commit the organisation");
        await form.SelectAsync("Autonomy", "Acts with a person's approval");
        await form.CheckAsync("Mail MCP");
        await form.CheckAsync("ERP MCP");
        await form.CheckAsync("Supplier payments");
        await Expect(agent.PolicyCheck.Locator("[data-rule=agent-action-without-checkpoint]")).ToContainTextAsync("spend money");
        await Expect(agent.Risk).ToContainTextAsync("it can spend money or commit the organisation");
        await ScreenshotAsync(maya, "agent-live-findings.png");
        await form.FillAsync("Approves “Spend money or commit the organisation”", "Finance lead");
        await Expect(agent.PolicyCheck.Locator("[data-rule=agent-action-without-checkpoint]")).ToHaveCountAsync(0);
        var id = await agent.SaveAndSubmitAsync();

        // Cora approves it (Maya recorded it).
        await cora.GotoAsync($"/agents/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await new AgentPages(cora).ApproveAsync();

        // Cora pauses the mail connector: the agent and the workflow relying on it are paused.
        await cora.GotoAsync($"/connectors/{mail}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await new AgentPages(cora).PauseConnectorAsync("The mail gateway forwarded invoices to an outside address.");
        var coraPanel = new PausePanel(cora);
        await Expect(coraPanel.ActivePause).ToContainTextAsync("Do not use — paused.");
        await Expect(coraPanel.SignOffRefused).ToContainTextAsync("another compliance officer must sign off");
        await maya.GotoAsync($"/agents/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await Expect(agent.PausedNotice).ToContainTextAsync("Paused — it must not act.");
        await Expect(new PausePanel(maya).ActivePause).ToContainTextAsync("It follows from the pause of");
        await ScreenshotAsync(maya, "agent-paused.png");
        await maya.GotoAsync($"/workflows/{workflowId}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await Expect(maya.Locator(".badge[data-status='Paused']").First).ToBeVisibleAsync();

        // Colin, a second officer, ticks every condition and restarts the connector: the agent and the workflow run again.
        await colin.GotoAsync($"/connectors/{mail}");
        await new AppShell(colin).WaitUntilInteractiveAsync();
        var colinPanel = new PausePanel(colin);
        await colinPanel.TickAsync("Root cause documented");
        await colinPanel.TickAsync("Controls updated");
        await colinPanel.TickAsync("Re-assessment done");
        await colinPanel.SignOffButton.ClickAsync();
        await Expect(colinPanel.ActivePause).ToHaveCountAsync(0);
        await maya.GotoAsync($"/agents/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await Expect(agent.Status("Approved")).ToBeVisibleAsync();
        await Expect(agent.PausedNotice).ToHaveCountAsync(0);
        await maya.GotoAsync($"/workflows/{workflowId}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await Expect(maya.Locator(".badge[data-status='Draft']").First).ToBeVisibleAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}

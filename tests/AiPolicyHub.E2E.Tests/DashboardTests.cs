using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    // The UTC day on the app's clock just after it started: its start-up snapshot for the trends carries that day, the
    // day before (if midnight passed between the snapshot and this reading) or a later one (if it passed before the snapshot).
    private DateTime startedOn;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        startedOn = (await app.NowAsync()).UtcDateTime.Date;
    }

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(DashboardTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_heat_map_cell_opens_the_list_of_exactly_the_workflows_in_it()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new InventoryPage(admin).AddToolAsync("Summarizer", "Approved", "Confidential", agreement: true);
        // Internal data (impact 2) for customers (3), acting automatically (likelihood 3), no oversight: cell L3 × I3.
        await AddWorkflowAsync(admin, "Auto replies", "Customer-facing", "Acts automatically");
        // Internal data for the team (impact 2), drafts (likelihood 1): cell L1 × I2.
        await AddWorkflowAsync(admin, "Meeting notes", "Internal", "Drafts for a person to finish");

        await admin.GotoAsync("/");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var cell = admin.GetByTestId("heat-map").GetByRole(AriaRole.Link, new() { Name = "1 workflows with likelihood 3 and impact 3" });
        await Expect(admin.GetByTestId("tier-table")).ToContainTextAsync("Medium");
        // The day's snapshot for the trends was taken at start-up; with one day of history the figures show as a table.
        // The day is the one the app started on, or a later one if the test ran across midnight (UTC) on the app's clock:
        // either is right.
        var today = (await app.NowAsync()).UtcDateTime.Date;
        var days = string.Join("|", Enumerable.Range(-1, (today - startedOn).Days + 2)
            .Select(d => Regex.Escape(startedOn.AddDays(d).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture))));
        await Expect(admin.GetByTestId("trend-summary")).ToContainTextAsync(new Regex($"first were recorded on ({days})"));
        await Expect(admin.GetByTestId("trend-table").GetByRole(AriaRole.Rowheader, new() { NameRegex = new Regex($"^({days})$") }).First).ToBeVisibleAsync();
        await cell.ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex(@"/workflows\?.*likelihood=3"));
        var grid = admin.GetByRole(AriaRole.Table, new() { Name = "Workflows" });
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Auto replies" })).ToBeVisibleAsync();
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Meeting notes" })).ToHaveCountAsync(0);
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "likelihood 3 × impact 3" })).ToBeVisibleAsync();
    }

    private static async Task AddWorkflowAsync(IPage page, string name, string audience, string autonomy)
    {
        await page.GotoAsync("/workflows/new");
        await new AppShell(page).WaitUntilInteractiveAsync();
        var workflow = new InventoryPage(page);
        await workflow.FillAsync("Name", name);
        await workflow.FillAsync("Purpose", $"{name} for the team.");
        await workflow.CheckAsync("Summarizer");
        await workflow.FillAsync("Approving role", "Team lead");
        await workflow.SelectAsync("Audience of the output", audience);
        await workflow.SelectAsync("Autonomy", autonomy);
        await workflow.SelectAsync("Human oversight", "None");
        await workflow.SaveAsync();
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RequestTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(RequestTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Staff_told_no_ask_for_the_use_their_manager_sees_it_compliance_approves_it_as_a_workflow_and_staff_are_told()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new InventoryPage(admin).AddToolAsync("Chatty", "Approved", "Internal");
        var maya = await browser.SignedInColleagueAsync(app, admin, "maya@example.com", "Maya Manager", "Manager");
        await new OrganisationPage(admin).AddManagerAsync("General", "Maya Manager");
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        var sue = await browser.SignedInColleagueAsync(app, admin, "sue@example.com", "Sue Staff", department: "General");

        // Sue asks the checker about confidential contracts in a tool cleared for internal data: no. She asks for it anyway.
        await sue.GotoAsync("/check");
        await new AppShell(sue).WaitUntilInteractiveAsync();
        var question = new InventoryPage(sue);
        await question.SelectAsync("AI tool", "Chatty");
        await question.SelectAsync("Task", "Summarising text");
        await question.SelectAsync("Most sensitive data involved", "Confidential");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(sue.GetByTestId("answer").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Not allowed");
        await new RequestPages(sue).AskAsync("Supplier contracts pile up every week; a summary would save me a day each time.");
        await ScreenshotAsync(sue, "check-asked.png");

        // Maya manages Sue's department: the request is among those she sees.
        var mayaRequests = new RequestPages(maya);
        await mayaRequests.OpenAsync();
        await Expect(mayaRequests.ToDecide).ToContainTextAsync("Chatty for summarising text");
        await Expect(mayaRequests.ToDecide).ToContainTextAsync("Sue Staff");

        // Cora approves it as a workflow: it is proposed, to go through the normal approval.
        var coraRequests = new RequestPages(cora);
        await coraRequests.OpenAsync();
        await coraRequests.ToDecide.GetByRole(AriaRole.Link, new() { Name = "Chatty for summarising text" }).ClickAsync();
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await Expect(coraRequests.Request).ToContainTextAsync("Supplier contracts pile up every week");
        await ScreenshotAsync(cora, "requests-decide.png");
        await cora.GetByRole(AriaRole.Button, new() { Name = "Approve as a workflow" }).ClickAsync();
        await Expect(coraRequests.Status).ToHaveTextAsync("Approved");
        await Expect(coraRequests.Request.GetByRole(AriaRole.Link, new() { Name = "“Summarising text with Chatty”" })).ToBeVisibleAsync();

        // Sue's bell tells her, and her requests page shows the decision.
        var sueRequests = new RequestPages(sue);
        await sueRequests.OpenAsync();
        await sue.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Notifications, 1") }).ClickAsync();
        var notifications = sue.GetByRole(AriaRole.Region, new() { Name = "Notifications" });
        await Expect(notifications).ToContainTextAsync("Your request to use Chatty for summarising text was approved");
        await notifications.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Your request") }).ClickAsync();
        await Expect(sue).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/requests/\d+$"));
        await Expect(sueRequests.Status).ToHaveTextAsync("Approved");
        await Expect(sue.GetByTestId("request-decision")).ToContainTextAsync("Approved by Cora Compliance");
        await Expect(sueRequests.MyRequests).ToContainTextAsync("Approved");
        await ScreenshotAsync(sue, "requests-mine.png");
    }

    /// <summary>Keeps a picture of the page where E2E_SCREENSHOTS names a folder.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ApprovalTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ApprovalTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_submits_compliance_rejects_with_a_comment_the_manager_resubmits_compliance_approves_and_more_sensitive_data_sends_it_back()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var maya = await browser.SignedInColleagueAsync(app, admin, "maya@example.com", "Maya Manager", "Manager");
        await new OrganisationPage(admin).AddManagerAsync("General", "Maya Manager");
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");

        // Maya records a workflow and submits it.
        await maya.GotoAsync("/workflows/new");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var form = new InventoryPage(maya);
        await form.FillAsync("Name", "Support reply drafts");
        await form.FillAsync("Purpose", "Drafts replies to customer emails for an agent to finish.");
        await form.FillAsync("Approving role", "Team lead");
        await form.SelectAsync("Most sensitive data classification", "Internal");
        var id = await form.SaveAsync();
        var mayaPanel = new ApprovalPanel(maya);
        await Expect(mayaPanel.Button("Approve")).ToHaveCountAsync(0);
        await mayaPanel.SubmitAsync();
        await Expect(mayaPanel.Section).ToContainTextAsync("Submitted: waiting for a compliance officer");
        await Expect(mayaPanel.Button("Submit for approval")).ToHaveCountAsync(0);

        // Cora rejects it: first without a comment, which is refused, then with one.
        await cora.GotoAsync($"/workflows/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        var coraPanel = new ApprovalPanel(cora);
        await Expect(coraPanel.Button("Approve")).ToBeVisibleAsync();
        await ScreenshotAsync(cora, "approval-submitted.png");
        await coraPanel.RejectAsync("");
        await Expect(coraPanel.DialogError).ToContainTextAsync("Write a comment");
        await coraPanel.Comment.FillAsync("Add a fact-check against our knowledge base before replies go out.");
        await coraPanel.Dialog.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Expect(coraPanel.Status("Rejected")).ToBeVisibleAsync();
        var rejected = new InventoryPage(cora).History.Locator(".history-entry").First;
        await Expect(rejected).ToContainTextAsync("Rejected by Cora Compliance");
        await Expect(rejected).ToContainTextAsync("Add a fact-check against our knowledge base before replies go out.");
        await Expect(coraPanel.Section).ToContainTextAsync("Rejected by Cora Compliance");
        await ScreenshotAsync(cora, "approval-rejected.png");
        await cora.Locator("#history-title").EvaluateAsync("heading => heading.scrollIntoView({ block: 'center' })");
        await ScreenshotAsync(cora, "approval-rejected-history.png");

        // Maya reads why, fixes it and submits it again.
        await maya.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await Expect(form.History).ToContainTextAsync("Add a fact-check against our knowledge base");
        await form.CheckAsync("Fact-check against sources");
        await form.SaveAsync();
        await mayaPanel.SubmitAsync();
        await Expect(mayaPanel.Status("Submitted")).ToBeVisibleAsync();

        // Cora approves, after confirming.
        await cora.GotoAsync($"/workflows/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await coraPanel.Button("Approve").ClickAsync();
        await Expect(coraPanel.Dialog).ToContainTextAsync("Approve “Support reply drafts”?");
        await coraPanel.Dialog.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(coraPanel.Status("Approved")).ToBeVisibleAsync();
        await Expect(new InventoryPage(cora).History.Locator(".history-entry").First).ToContainTextAsync("Approved by Cora Compliance");

        // More sensitive data is a material change: the workflow goes back to compliance, with the reason in its history.
        await maya.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await form.SelectAsync("Most sensitive data classification", "Confidential");
        await form.SaveAsync();
        await Expect(mayaPanel.Status("Submitted")).ToBeVisibleAsync();
        var reopened = form.History.Locator(".history-entry").First;
        await Expect(reopened.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sent back for approval because" }))
            .ToContainTextAsync("more sensitive data (Internal → Confidential)");
        await Expect(reopened.GetByRole(AriaRole.Row).Filter(new() { HasText = "Status" })).ToContainTextAsync("Submitted");
    }

    /// <summary>Keeps a picture of what the page shows now, where E2E_SCREENSHOTS names a folder.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Folder() is { } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }
    }

    private static string? Folder() => Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;
}

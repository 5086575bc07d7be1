using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PauseTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(PauseTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_critical_incident_pauses_the_workflow_staff_are_told_not_to_use_it_and_only_a_second_officer_restarts_it_after_every_condition()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var maya = await browser.SignedInColleagueAsync(app, admin, "maya@example.com", "Maya Manager", "Manager");
        await new OrganisationPage(admin).AddManagerAsync("General", "Maya Manager");
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        var colin = await browser.SignedInColleagueAsync(app, admin, "colin@example.com", "Colin Compliance", "Compliance officer");
        var sue = await browser.SignedInColleagueAsync(app, admin, "sue@example.com", "Sue Staff");
        await new InventoryPage(admin).AddToolAsync("Chatty", "Approved", "Internal");

        // Maya records the workflow.
        await maya.GotoAsync("/workflows/new");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var form = new InventoryPage(maya);
        await form.FillAsync("Name", "Support reply drafts");
        await form.FillAsync("Purpose", "Drafts replies to customer emails for an agent to finish.");
        await form.FillAsync("Approving role", "Team lead");
        await form.SelectAsync("Most sensitive data classification", "Internal");
        await form.CheckAsync("Chatty");
        var id = await form.SaveAsync();

        // Sue reports what she saw; Cora triages it as critical, which fires the trigger and pauses the workflow.
        await sue.GotoAsync($"/workflows/{id}");
        await new AppShell(sue).WaitUntilInteractiveAsync();
        await sue.GetByRole(AriaRole.Link, new() { Name = "Report an incident" }).ClickAsync();
        await new AppShell(sue).WaitUntilInteractiveAsync();
        await new IncidentPages(sue).ReportAsync("Refund promised that we do not offer",
            "A drafted reply told a customer they would get a full refund after 90 days; the agent sent it unchanged.",
            "Medium", "Wrong output reached a customer");
        var incidentUrl = sue.Url;
        await cora.GotoAsync(incidentUrl);
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await new IncidentPages(cora).TriageAsync("Under investigation", "Critical");
        await Expect(cora.GetByTestId("incident-pauses")).ToContainTextAsync("The risk trigger “A critical incident” paused “Support reply drafts”");
        await Expect(cora.GetByTestId("incident-severity")).ToHaveTextAsync("Critical");

        // The staff checker answers "do not use — paused" for the workflow, with the reason and the trigger.
        await sue.GotoAsync("/check");
        await new AppShell(sue).WaitUntilInteractiveAsync();
        await sue.GetByLabel("Search workflows by name").FillAsync("reply");
        await Expect(sue.Locator("#q-workflow option").Filter(new() { HasText = "Support reply drafts" })).ToHaveCountAsync(1);
        await sue.Locator("#q-workflow").SelectOptionAsync(new SelectOptionValue { Label = "Support reply drafts (General) — paused" });
        await new InventoryPage(sue).SelectAsync("AI tool", "Chatty");
        await new InventoryPage(sue).SelectAsync("Most sensitive data involved", "Internal");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        var answer = sue.GetByTestId("answer");
        await Expect(answer.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Do not use — paused");
        await Expect(answer).ToContainTextAsync("risk trigger “A critical incident”");
        await ScreenshotAsync(sue, "pause-checker.png");

        // Maya, who manages the workflow, is notified, but may not restart it.
        await maya.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var mayaPanel = new PausePanel(maya);
        await Expect(mayaPanel.ActivePause).ToContainTextAsync("Do not use — paused.");
        await Expect(mayaPanel.ActivePause).ToContainTextAsync("through the risk trigger “A critical incident”");
        await Expect(mayaPanel.SignOffButton).ToHaveCountAsync(0);
        await Expect(mayaPanel.SignOffRefused).ToHaveTextAsync("Only a compliance officer can sign off a restart.");
        var bell = maya.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Notifications, [1-9]") });
        await bell.ClickAsync();
        await Expect(maya.GetByRole(AriaRole.Region, new() { Name = "Notifications" })).ToContainTextAsync("“Support reply drafts” is paused: do not use it");

        // Cora paused it (through the trigger her triage fired), so she may not sign off its restart.
        await cora.GotoAsync($"/workflows/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        var coraPanel = new PausePanel(cora);
        await Expect(coraPanel.ActivePause).ToContainTextAsync("Paused by Cora Compliance");
        await coraPanel.TickAsync("Root cause documented");
        await coraPanel.TickAsync("Controls updated");
        await coraPanel.TickAsync("Re-assessment done");
        await Expect(coraPanel.SignOffButton).ToHaveCountAsync(0);
        await Expect(coraPanel.SignOffRefused).ToContainTextAsync("You paused it, so another compliance officer must sign off its restart (separation of duties).");
        // Untick again, so the second officer ticks every condition themself.
        foreach (var condition in new[] { "Root cause documented", "Controls updated", "Re-assessment done" })
        {
            await coraPanel.TickAsync(condition, met: false);
        }

        // Colin ticks every condition and signs off: the workflow may be used again.
        await colin.GotoAsync($"/workflows/{id}");
        await new AppShell(colin).WaitUntilInteractiveAsync();
        var colinPanel = new PausePanel(colin);
        await Expect(colinPanel.SignOffRefused).ToContainTextAsync("still open: root cause documented, controls updated, re-assessment done");
        await colinPanel.TickAsync("Root cause documented");
        await colinPanel.TickAsync("Controls updated");
        await colinPanel.TickAsync("Re-assessment done");
        await ScreenshotAsync(colin, "pause-checklist.png", colinPanel.Section);
        await colin.GetByLabel("Sign-off note").FillAsync("The refund article is corrected and replies now cite it.");
        await colinPanel.SignOffButton.ClickAsync();
        await Expect(colinPanel.ActivePause).ToHaveCountAsync(0);
        await Expect(colinPanel.Section).ToContainTextAsync("restarted by Colin Compliance");
        await Expect(colin.Locator(".badge[data-status='Draft']").First).ToBeVisibleAsync();

        // The audit trail tells the whole story, in order.
        await cora.GotoAsync("/audit");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        var entries = cora.Locator(".audit-list .history-entry");
        ILocator Entry(string action, string by) => entries
            .Filter(new() { Has = cora.Locator(".history-head strong").GetByText(action, new() { Exact = true }) })
            .Filter(new() { HasText = $"by {by}" });
        var reported = Entry("Reported", "Sue Staff");
        var triaged = Entry("Triaged", "Cora Compliance");
        var paused = Entry("Paused", "Cora Compliance");
        var ticked = Entry("Changed", "Colin Compliance").Filter(new() { HasText = "Restart condition" });
        var restarted = Entry("Restarted", "Colin Compliance");
        await Expect(reported).ToContainTextAsync("Refund promised that we do not offer");
        await Expect(triaged).ToContainTextAsync("Critical");
        await Expect(paused).ToContainTextAsync("Support reply drafts");
        await Expect(paused).ToContainTextAsync("A critical incident");
        await Expect(ticked).ToHaveCountAsync(3);
        await Expect(restarted).ToContainTextAsync("The refund article is corrected");
        await Expect(restarted).ToContainTextAsync("Draft");
        async Task<int> NumberAsync(ILocator entry) =>
            int.Parse((await entry.First.Locator(".history-head .muted").First.InnerTextAsync()).TrimStart('#'));
        // In this order: reported, triaged, paused by the trigger, the conditions ticked, restarted.
        Assert.True(await NumberAsync(reported) < await NumberAsync(triaged));
        Assert.True(await NumberAsync(triaged) < await NumberAsync(paused));
        Assert.True(await NumberAsync(paused) < await NumberAsync(ticked.Last));
        Assert.True(await NumberAsync(ticked.First) < await NumberAsync(restarted));
    }

    private static async Task ScreenshotAsync(IPage page, string name, ILocator? part = null)
    {
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            if (part is null)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
            }
            else
            {
                await part.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
            }
        }
    }
}

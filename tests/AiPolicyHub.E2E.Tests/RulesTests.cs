using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RulesTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string DataRule = "data-above-tool-limit";
    private const string DataRuleTitle = "Data more sensitive than the tool may receive";
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(RulesTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Compliance_grants_and_revokes_an_exception_and_an_administrator_switches_the_rule_off()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new InventoryPage(admin).AddToolAsync("Summarizer", "Approved", "Internal");
        await admin.GotoAsync("/workflows/new");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var workflow = new InventoryPage(admin);
        await workflow.FillAsync("Name", "Board minutes");
        await workflow.FillAsync("Purpose", "Drafts board minutes from the recording.");
        await workflow.CheckAsync("Summarizer");
        await workflow.FillAsync("Approving role", "Company secretary");
        await workflow.SelectAsync("Most sensitive data classification", "Confidential");
        var id = await workflow.SaveAsync();
        var finding = admin.Locator($".findings-panel li[data-rule='{DataRule}']");
        await Expect(finding).ToHaveCountAsync(1);

        // An exception, justified and dated, silences the finding and is recorded.
        await workflow.SelectAsync("Rule", DataRuleTitle);
        await workflow.FillAsync("Ends on", (await app.NowAsync()).AddDays(30).ToString("yyyy-MM-dd"));
        await workflow.FillAsync("Justification", "The vendor agreement is being signed; minutes are redacted until then.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Grant exception" }).ClickAsync();
        await Expect(finding).ToHaveCountAsync(0);
        await Expect(admin.Locator($".exceptions-list li[data-rule='{DataRule}']")).ToContainTextAsync("minutes are redacted");
        await Expect(workflow.History).ToContainTextAsync($"Exception to “{DataRuleTitle}”");

        // Revoking it (after confirming) brings the finding back.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(finding).ToHaveCountAsync(1);
        await Expect(admin.Locator($".exceptions-list li[data-rule='{DataRule}']")).ToContainTextAsync("Revoked");

        // An impossible setting is refused with the reason; switching the rule off takes its findings away.
        await admin.GotoAsync("/admin/rules");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var spotCheck = admin.Locator("section[data-rule='spot-check-rate']");
        await spotCheck.GetByLabel("Minimum spot-check sample (%)").FillAsync("0");
        await spotCheck.GetByLabel("Minimum spot-check sample (%)").PressAsync("Tab");
        await spotCheck.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(spotCheck.GetByRole(AriaRole.Alert)).ToContainTextAsync("between 1 and 100");

        var dataRule = admin.Locator($"section[data-rule='{DataRule}']");
        await dataRule.GetByRole(AriaRole.Checkbox, new() { Name = "Check workflows and questions against this rule" }).UncheckAsync();
        await dataRule.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByText("is off.")).ToBeVisibleAsync();
        await Expect(dataRule).ToContainTextAsync("Off");

        await admin.GotoAsync($"/workflows/{id}");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await Expect(admin.Locator(".findings-panel")).ToBeVisibleAsync();
        await Expect(finding).ToHaveCountAsync(0);
        await admin.GotoAsync("/audit");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await Expect(admin.GetByRole(AriaRole.Main)).ToContainTextAsync(DataRuleTitle);
    }
}

using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PolicyTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(PolicyTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Compliance_publishes_staff_acknowledge_the_banner_goes_and_the_rate_rises_then_a_new_version_brings_it_back_with_its_changes()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        var sam = await browser.SignedInColleagueAsync(app, admin, "sam@example.com", "Sam Staff", department: "General");

        // Staff read the policy but may not edit it.
        await sam.GotoAsync("/policy/edit");
        await Expect(new AppShell(sam).Heading).ToHaveTextAsync("Access denied");

        // Cora publishes version 1 of the default draft, after a look at its live preview.
        var editor = new PolicyEditorPage(cora);
        await editor.OpenAsync();
        await editor.Text(1).FillAsync("This policy covers **every** use of AI at work.");
        await Expect(editor.Preview(1).Locator("strong")).ToHaveTextAsync("every");
        await editor.PublishAsync("First version of our AI usage policy.");

        await cora.GotoAsync("/policy/acknowledgements");
        var rate = cora.GetByTestId("acknowledgement-rate");
        await Expect(rate).ToContainTextAsync("0 %");
        await Expect(rate).ToContainTextAsync("(0 of 3)");

        // Sam sees the banner wherever he goes, acknowledges, and it is gone.
        await sam.GotoAsync("/check");
        var policy = new PolicyPage(sam);
        await Expect(policy.Banner).ToContainTextAsync("First version of our AI usage policy.");
        // In CI a link clicked just as the live session took the page over once went unanswered (the page stayed put);
        // this test is about the policy, so it clicks once the page is live. SessionTests covers clicks before that.
        await new AppShell(sam).WaitUntilInteractiveAsync();
        await policy.Banner.GetByRole(AriaRole.Link, new() { Name = "Read and acknowledge" }).ClickAsync();
        await Expect(sam).ToHaveURLAsync(new Regex("/policy$"));
        await Expect(sam.GetByRole(AriaRole.Article)).ToContainTextAsync("every use of AI at work");
        await new AppShell(sam).WaitUntilInteractiveAsync();
        await policy.AcknowledgeAsync(1);
        await Expect(policy.Banner).ToHaveCountAsync(0);
        await sam.GotoAsync("/check");
        await new AppShell(sam).WaitUntilInteractiveAsync();
        await Expect(policy.Banner).ToHaveCountAsync(0);

        await cora.ReloadAsync();
        await Expect(rate).ToContainTextAsync("33 %");
        await Expect(rate).ToContainTextAsync("(1 of 3)");
        await Expect(cora.GetByTestId("acknowledgement-departments").GetByRole(AriaRole.Row).Filter(new() { HasText = "General" })).ToContainTextAsync("100 %");
        await Expect(cora.GetByTestId("outstanding-acknowledgements")).Not.ToContainTextAsync("Sam Staff");
        await cora.GotoAsync("/");
        await Expect(cora.GetByTestId("acknowledgement-tile")).ToContainTextAsync("33 %");

        // Version 2 brings the banner back, with what changed since version 1.
        await editor.OpenAsync();
        await editor.Text(1).FillAsync("This policy covers **every** use of AI at work.\n\nAsk the compliance team before trying a new tool.");
        await editor.PublishAsync("Ask compliance before trying a new tool.");

        await sam.GotoAsync("/tools/directory");
        await new AppShell(sam).WaitUntilInteractiveAsync();
        await Expect(policy.Banner).ToContainTextAsync("version 2");
        await Expect(policy.Banner).ToContainTextAsync("What changed since version 1");
        await Expect(policy.Banner).ToContainTextAsync("Ask compliance before trying a new tool.");
        await policy.Banner.GetByRole(AriaRole.Link, new() { Name = "See what changed in the text" }).ClickAsync();
        await Expect(sam).ToHaveURLAsync(new Regex("/policy/versions/2/changes"));
        var scope = sam.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Purpose and scope") });
        await Expect(scope.Locator("ins").Filter(new() { HasText = "Ask the compliance team before trying a new tool." })).ToHaveCountAsync(1);
        await Expect(scope.Locator("del")).ToHaveCountAsync(0);
        await Expect(sam.GetByText(new Regex("^Unchanged: "))).ToContainTextAsync("Principles");
    }
}

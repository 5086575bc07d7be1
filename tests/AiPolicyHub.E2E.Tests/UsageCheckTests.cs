using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class UsageCheckTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(UsageCheckTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Staff_asking_about_personal_data_in_customer_replies_on_an_internal_only_tool_are_told_no_with_an_alternative()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new InventoryPage(admin).AddToolAsync("Chatty", "Approved", "Internal");
        await new InventoryPage(admin).AddToolAsync("SafeGPT", "Approved", "Confidential", agreement: true);
        var staff = await browser.SignedInColleagueAsync(app, admin, "sue@example.com", "Sue Staff");

        await staff.GetByRole(AriaRole.Link, new() { Name = "Ask" }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/check$"));
        await new AppShell(staff).WaitUntilInteractiveAsync();
        var form = new InventoryPage(staff);
        await form.SelectAsync("AI tool", "Chatty");
        await form.SelectAsync("Task", "Answering customers");
        await form.SelectAsync("Where the output goes", "Customer-facing");
        await form.SelectAsync("Most sensitive data involved", "Confidential");
        await staff.GetByRole(AriaRole.Checkbox, new() { Name = "Personal data", Exact = true }).CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        var answer = staff.GetByTestId("answer");
        await Expect(answer.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Not allowed");
        // The question is in the address (replacing the history entry) and the page title names the answer.
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/check\?.*tool=\d+.*task=AnsweringCustomers"));
        await Expect(staff).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Not allowed: Chatty for answering customers"));
        await Expect(answer).ToContainTextAsync("Confidential data goes to “Chatty”");
        await Expect(answer.Locator(".alternatives")).ToContainTextAsync("SafeGPT");

        // The link reproduces the same answer for someone else.
        var link = await staff.GetByTestId("share-link").GetAttributeAsync("href");
        await admin.GotoAsync(link!);
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await Expect(admin.GetByTestId("answer").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Not allowed");
        await Expect(admin.GetByTestId("answer")).ToContainTextAsync("Confidential data goes to “Chatty”");
    }

    [Fact]
    public async Task An_empty_question_says_what_is_missing_instead_of_guessing()
    {
        var page = await browser.SignedInAdministratorAsync(app);
        await page.GotoAsync("/check");
        await new AppShell(page).WaitUntilInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose the AI tool (or “a tool not listed”).");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose the most sensitive kind of data involved.");
        await Expect(page.GetByTestId("answer")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Screening_applicants_with_an_approved_tool_is_not_allowed_ad_hoc_and_the_answer_says_to_ask_for_a_workflow()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new InventoryPage(admin).AddToolAsync("SafeGPT", "Approved", "Confidential", agreement: true);
        var staff = await browser.SignedInColleagueAsync(app, admin, "sue@example.com", "Sue Staff");

        await staff.GotoAsync("/check");
        await new AppShell(staff).WaitUntilInteractiveAsync();
        var form = new InventoryPage(staff);
        await form.SelectAsync("AI tool", "SafeGPT");
        await form.SelectAsync("Task", "Screening job applicants");
        await form.SelectAsync("Most sensitive data involved", "Confidential");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        var answer = staff.GetByTestId("answer");
        await Expect(answer.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Not on your own — only in an approved workflow");
        await Expect(answer).ToContainTextAsync("high-risk use of AI");
        await Expect(answer).ToContainTextAsync("No approved workflow covers this yet");
        await Expect(answer).Not.ToContainTextAsync("What you must do");

        // Opening the address again shows the same answer.
        await staff.ReloadAsync();
        await new AppShell(staff).WaitUntilInteractiveAsync();
        await Expect(staff.GetByTestId("answer").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Not on your own — only in an approved workflow");
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ToolDirectoryTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ToolDirectoryTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Staff_find_the_approved_and_the_prohibited_tools_with_their_data_limits_and_conditions_from_the_navigation()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var chatty = await new InventoryPage(admin).AddToolAsync("Chatty", "Approved", "Internal");
        await new InventoryPage(admin).AddToolAsync("Shady", "Prohibited", "Confidential");
        var staff = await browser.SignedInColleagueAsync(app, admin, "sue@example.com", "Sue Staff");

        var directory = new ToolDirectoryPage(staff);
        await directory.NavigationLink.ClickAsync();
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tools/directory$"));
        await Expect(new AppShell(staff).Heading).ToHaveTextAsync("Approved AI tools");

        var approved = directory.Usable.GetByRole(AriaRole.Article, new() { Name = "Chatty" });
        await Expect(approved).ToContainTextAsync("Approved");
        await Expect(approved).ToContainTextAsync("Highest data classification Internal");
        await Expect(approved).ToContainTextAsync("No personal data: there is no data-processing agreement with the vendor.");
        await Expect(approved.GetByRole(AriaRole.Link, new() { Name = "Ask about a use" })).ToHaveAttributeAsync("href", $"/check?tool={chatty}");
        var prohibited = directory.Prohibited.GetByRole(AriaRole.Article, new() { Name = "Shady" });
        await Expect(prohibited).ToContainTextAsync("Prohibited");
        await Expect(prohibited).ToContainTextAsync("Highest data classification None: it may receive no data at all");
        await Expect(prohibited).ToContainTextAsync("Do not use it for work");
        // Staff read; only those who may change tools are offered to.
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);

        await new AppShell(staff).WaitUntilInteractiveAsync();
        await directory.SearchAsync("shad");
        await Expect(directory.Tool("Chatty")).ToHaveCountAsync(0);
        await Expect(directory.Tool("Shady")).ToBeVisibleAsync();
        await Expect(directory.Usable).ToContainTextAsync("No approved tool matches “shad”.");
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tools/directory\\?q=shad$"));
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReportsTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ReportsTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_report_is_previewed_downloaded_listed_in_the_history_and_its_fingerprint_checks_out()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new InventoryPage(admin).AddToolAsync("Summarizer Ω", "Approved", "Confidential", agreement: true);

        await admin.GotoAsync("/reports");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await admin.GetByLabel("Report", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "AI usage policy" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = admin.GetByRole(AriaRole.Region, new() { Name = "Report preview" });
        await Expect(preview).ToContainTextAsync("Summarizer Ω");
        await Expect(preview).ToContainTextAsync("Draft — live rules and tools");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        // Named after the report and the day; the report id is printed in the PDF and listed in the history.
        Assert.Matches(@"^usage-policy-\d{4}-\d{2}-\d{2}\.pdf$", download.SuggestedFilename);

        await admin.ReloadAsync();
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var history = admin.GetByRole(AriaRole.Region, new() { Name = "Report history" }).GetByRole(AriaRole.Table);
        var row = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "AI usage policy" });
        await Expect(row).ToHaveCountAsync(1);
        var reportId = (await row.Locator("td").Nth(1).InnerTextAsync()).Trim();
        Assert.Matches("^RPT-", reportId);
        var fingerprint = (await row.Locator("code").InnerTextAsync()).Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", fingerprint);

        await admin.GetByLabel("Report id", new() { Exact = true }).FillAsync(reportId);
        await admin.GetByLabel("Fingerprint", new() { Exact = true }).FillAsync(fingerprint);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(admin.GetByTestId("fingerprint-check")).ToContainTextAsync("Matches. The fingerprint matches “AI usage policy”");

        await admin.GetByLabel("Fingerprint", new() { Exact = true }).FillAsync("sha256:" + new string('0', 64));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(admin.GetByTestId("fingerprint-check")).ToContainTextAsync("Does not match.");
    }
}

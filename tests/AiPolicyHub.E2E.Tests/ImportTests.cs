using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ImportTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task The_US_federal_inventory_imports_through_the_page_with_its_preset_and_a_second_import_creates_nothing()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var file = AiPolicyHub.Tests.Shared.RepositoryPaths.Dataset("us-federal-ai-inventory-2023", "2023_consolidated_ai_inventory_raw.csv");

        await admin.GotoAsync("/import");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await admin.GetByLabel("Preset").SelectOptionAsync(new SelectOptionValue { Label = "US Federal AI Use Case Inventory (2023)" });
        await ChooseFileAsync(admin, file);
        await Expect(admin.GetByTestId("detected")).ToContainTextAsync("column names in row 1: 10 columns", new() { Timeout = 90_000 });
        await NextAsync(admin); // to the columns
        await Expect(admin.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Title");
        await NextAsync(admin); // to the values
        await NextAsync(admin); // to the key
        await Expect(admin.GetByLabel("The id column")).ToBeCheckedAsync();
        await NextAsync(admin); // to the dry run

        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview first rows" }).ClickAsync();
        var rows = admin.GetByRole(AriaRole.Table, new() { Name = "Rows" });
        await Expect(rows).ToContainTextAsync("AI Curated Synthetic Data", new() { Timeout = 30_000 });

        await admin.GetByRole(AriaRole.Button, new() { Name = "Dry run", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("import-summary")).ToContainTextAsync("Dry run, nothing written: 710 rows: 710 workflows created", new() { Timeout = 60_000 });
        Assert.Equal(0, await CountWorkflowsAsync());

        await admin.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("import-summary")).ToContainTextAsync("Imported. 710 rows: 710 workflows created", new() { Timeout = 60_000 });
        Assert.Equal(710, await CountWorkflowsAsync());
        // To look at the page: AIPOLICYHUB_IMPORT_SCREENSHOT=/tmp/import.png
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_IMPORT_SCREENSHOT") is { Length: > 0 } picture)
        {
            // The shell scrolls inside its content pane, so a full-page shot would miss the report: bring it into view.
            await admin.GetByTestId("import-summary").ScrollIntoViewIfNeededAsync();
            await admin.ScreenshotAsync(new() { Path = picture });
        }

        await admin.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("import-summary")).ToContainTextAsync("0 workflows created, 0 updated, 710 unchanged", new() { Timeout = 60_000 });
        Assert.Equal(710, await CountWorkflowsAsync());

        // The imported inventory downloads again from the list, with its filter.
        await admin.GotoAsync("/workflows?q=Synthetic");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var download = await admin.RunAndWaitForDownloadAsync(() =>
            admin.GetByRole(AriaRole.Link, new() { Name = "Download these workflows as CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("AI Curated Synthetic Data", csv);
        Assert.DoesNotContain("AI for Autonomous Situational Awareness", csv);
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused_on_the_page_with_its_size_before_it_is_sent()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var big = Path.Combine(Path.GetTempPath(), $"too-big-{Guid.NewGuid():N}.csv");
        await using (var file = File.Create(big))
        {
            file.SetLength(51L * 1024 * 1024); // sparse: the size is what counts
        }
        try
        {
            await admin.GotoAsync("/import");
            await new AppShell(admin).WaitUntilInteractiveAsync();
            await ChooseFileAsync(admin, big);
            await Expect(admin.GetByText($"{Path.GetFileName(big)} is 51.0 MB; AiPolicyHub imports files up to 50 MB.")).ToBeVisibleAsync();
            await Expect(admin.GetByTestId("detected")).ToHaveCountAsync(0);
        }
        finally
        {
            File.Delete(big);
        }
    }

    /// <summary>
    /// Chooses a file once Blazor listens to the input. The page turns interactive one render before InputFile hooks its
    /// change event (a call to the browser after that render), so a test that picks a file at once can beat it; a person cannot.
    /// </summary>
    internal static async Task ChooseFileAsync(IPage page, string path)
    {
        await page.WaitForFunctionAsync("() => document.getElementById('i-file')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("#i-file").SetInputFilesAsync(path);
    }

    /// <summary>The wizard's Next button, once it is enabled (the step's work is done).</summary>
    internal static async Task NextAsync(IPage page)
    {
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true });
        await Expect(next).ToBeEnabledAsync(new() { Timeout = 60_000 });
        var title = await page.Locator("#step-title").TextContentAsync();
        await next.ClickAsync();
        await Expect(page.Locator("#step-title")).Not.ToHaveTextAsync(title!, new() { Timeout = 60_000 });
    }

    private async Task<long> CountWorkflowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "aipolicyhub.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"Workflows\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

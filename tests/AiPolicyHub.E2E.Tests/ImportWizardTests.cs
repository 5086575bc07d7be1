using System.Text;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// A new user's inventory as real registers come: Windows-1252, 40 columns with long questions for headers, no id column,
/// multi-line cells, and a stage value that first appears after row 3,000. It goes through every step of the wizard with a
/// key made of two columns, and a second import creates nothing. Every step fits a 1280 px window.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportWizardTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 5_000;
    private const string AgencyHeader = "Agency";
    private const string NumberHeader = "Use case number within the agency (each agency numbers its own use cases from 1)";
    private const string NameHeader = "What is the name of the AI use case, as the people who run it know it?";
    private const string PurposeHeader = "Summarise the purpose of the AI use case and the problem it solves, in plain words for a reader outside the agency";
    private static readonly string[] Agencies = ["Department of Café Studies", "Office for Naïve Bayes", "Treasury", "Home Office", "Ministry of Défense"];

    private readonly AppProcess app = AppProcess.Create();
    private readonly string folder = Directory.CreateTempSubdirectory("aiph-wizard-").FullName;
    private readonly StringBuilder accessibility = new();
    private readonly string? screenshots = Environment.GetEnvironmentVariable("AIPOLICYHUB_IMPORT_SCREENSHOTS") is { Length: > 0 } s ? s : null;

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ImportWizardTests));
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_register_without_ids_imports_through_the_wizard_with_a_combined_key_and_a_second_import_creates_nothing()
    {
        var file = WriteRegister();
        var admin = await browser.SignedInAdministratorAsync(app);
        await admin.GotoAsync("/import");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await FitsAsync(admin, "1-file");

        await ImportTests.ChooseFileAsync(admin, file);
        await Expect(admin.GetByTestId("detected")).ToContainTextAsync("Windows-1252", new() { Timeout = 90_000 });
        await Expect(admin.GetByTestId("detected")).ToContainTextAsync("column names in row 1: 40 columns");
        await FitsAsync(admin, "2-read");

        await ImportTests.NextAsync(admin);
        // A question that merely contains "name" is only an unsure suggestion: not chosen for the user.
        await Expect(admin.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(admin.GetByLabel("Department", new() { Exact = true })).ToHaveValueAsync(AgencyHeader);
        await admin.GetByLabel("Name", new() { Exact = true }).SelectOptionAsync(NameHeader);
        await admin.GetByLabel("Purpose", new() { Exact = true }).SelectOptionAsync(PurposeHeader);
        await admin.GetByLabel("Data classification when empty").FillAsync("Internal");
        await admin.GetByLabel("Approving role when empty").FillAsync("Team lead");
        await Expect(admin.GetByLabel("Lifecycle stage", new() { Exact = true })).ToHaveValueAsync("Stage");
        await admin.Locator(".import-mapping-box").EvaluateAsync("box => box.scrollTop = 0"); // the screenshot shows the suggestions
        await FitsAsync(admin, "3-columns");

        await ImportTests.NextAsync(admin);
        await Expect(admin.GetByTestId("values-count")).ToContainTextAsync("3 distinct values in the whole file", new() { Timeout = 60_000 });
        await admin.GetByLabel("Search among the values").FillAsync("idea");
        await admin.GetByLabel("Ideation", new() { Exact = true }).SelectOptionAsync("Idea");
        await Expect(admin.GetByTestId("values-count")).ToContainTextAsync("1 mapped");
        await FitsAsync(admin, "4-values");

        await ImportTests.NextAsync(admin);
        await admin.GetByLabel("Several columns combined").CheckAsync();
        await admin.GetByLabel(AgencyHeader, new() { Exact = true }).CheckAsync();
        await admin.GetByLabel(NumberHeader).CheckAsync();
        await admin.GetByLabel("Create missing departments").CheckAsync();
        await admin.GetByLabel("I own new workflows without an owner").CheckAsync();
        await admin.GetByLabel("Set a review date from the cadence").CheckAsync();
        await FitsAsync(admin, "5-key");

        await ImportTests.NextAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Dry run", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("import-summary")).ToContainTextAsync("Dry run, nothing written: 5,000 rows: 5,000 workflows created", new() { Timeout = 120_000 });
        await Expect(admin.GetByTestId("import-summary")).Not.ToContainTextAsync("no key");
        await Expect(admin.GetByTestId("key-warning")).ToHaveCountAsync(0);
        await FitsAsync(admin, "6-dry-run");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("import-summary")).ToContainTextAsync("Imported. 5,000 rows: 5,000 workflows created", new() { Timeout = 120_000 });
        await Expect(admin.GetByTestId("rows-shown")).ToContainTextAsync("Rows 1–25 of 5,000");
        await FitsAsync(admin, "7-report");
        // The full report downloads: every row of the file, not only those shown.
        var download = await admin.RunAndWaitForDownloadAsync(() =>
            admin.GetByRole(AriaRole.Button, new() { Name = "Download the full report (CSV)" }).ClickAsync());
        Assert.Matches(@"^report-register-without-ids-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var report = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(Rows + 1, report.Length);
        Assert.StartsWith("Row,Outcome,Record id", report[0].TrimStart('\uFEFF'));
        Assert.Equal(Rows, await CountAsync("SELECT count(*) FROM \"Workflows\""));
        Assert.Equal(Rows / 10, await CountAsync("SELECT count(*) FROM \"Workflows\" WHERE \"Stage\" = 0")); // Ideation → Idea
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM \"Workflows\" WHERE \"ExternalId\" IS NOT NULL"));

        await admin.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("import-summary")).ToContainTextAsync("0 workflows created, 0 updated, 5,000 unchanged", new() { Timeout = 120_000 });
        Assert.Equal(Rows, await CountAsync("SELECT count(*) FROM \"Workflows\""));
        Assert.True(accessibility.Length == 0, accessibility.ToString());
    }

    /// <summary>The register, written in Windows-1252 with CRLF line ends and multi-line cells in quotes.</summary>
    private string WriteRegister()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var headers = new List<string> { AgencyHeader, NumberHeader, NameHeader, PurposeHeader, "Stage" };
        for (var q = headers.Count; q < 40; q++)
        {
            headers.Add($"Question {q}: Has the agency documented how the answers of this use case are checked before anyone relies on them, and by whom?");
        }
        var text = new StringBuilder();
        text.Append(string.Join(',', headers.Select(Quote))).Append("\r\n");
        var numbers = new int[Agencies.Length];
        for (var row = 1; row <= Rows; row++)
        {
            var agency = row % Agencies.Length;
            var cells = new List<string>
            {
                Agencies[agency],
                (++numbers[agency]).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Café assistant n° {row} – naïve summaries",
                $"Drafts replies for case {row}.\r\nA second line: the reviewer checks the draft.",
                // The stage "Ideation" first appears after row 3,000: a preview of the first 1,000 rows never sees it.
                row > 3_000 && row % 2 == 0 && row <= 4_000 ? "Ideation" : row % 3 == 0 ? "Production" : "Pilot",
            };
            for (var q = cells.Count; q < 40; q++)
            {
                cells.Add((row + q) % 4 == 0 ? "No" : "Yes, by a colleague – see the manual’s section “Review”");
            }
            text.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        }
        var path = Path.Combine(folder, "register-without-ids.csv");
        File.WriteAllBytes(path, Encoding.GetEncoding(1252).GetBytes(text.ToString()));
        return path;
    }

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;

    /// <summary>Neither the page nor its content pane scrolls sideways at 1280 px; a screenshot of the step when asked for.</summary>
    private async Task FitsAsync(IPage page, string step)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => { const main = document.getElementById('main'); return [document.documentElement.scrollWidth, document.documentElement.clientWidth, main.scrollWidth, main.clientWidth]; }");
        if (screenshots is not null)
        {
            Directory.CreateDirectory(screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"import-{step}.png") });
        }
        // Every control labelled, contrast and structure as elsewhere (axe, serious and critical), collected for the end.
        foreach (var violation in await Axe.SeriousViolationsAsync(page))
        {
            accessibility.AppendLine($"Step {step}: {violation}");
        }
        Assert.True(widths[0] <= widths[1], $"Step {step}: the page is {widths[0]} px wide in a {widths[1]} px window.");
        Assert.True(widths[2] <= widths[3], $"Step {step}: the content is {widths[2]} px wide in a {widths[3]} px pane.");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "aipolicyhub.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class InventoryTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ManagerPassword = "the manager's own password"; // never her name: PasswordPolicy refuses that
    // Live pages re-check their user only every ten minutes here, so the demotion test shows that the
    // server refuses a save on its own, not merely that the page noticed the change first.
    private readonly AppProcess app = AppProcess.Create(settings: new Dictionary<string, string>
    {
        ["Security__RevalidationInterval"] = "00:10:00",
    });
    private IPage admin = null!;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        admin = await SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(InventoryTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_records_a_tool_and_a_workflow_edits_it_and_retires_it_with_every_change_in_the_history()
    {
        var maya = await ManagerOfGeneralAsync();

        await maya.GotoAsync("/tools/new");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var tool = new InventoryPage(maya);
        await tool.FillAsync("Name", "Summarizer Pro");
        await tool.FillAsync("Vendor", "Acme AI");
        await tool.SelectAsync("Highest data classification it may receive", "Internal");
        await tool.SaveButton.ClickAsync();
        // The vendor's terms have no optimistic default: the form asks for them.
        await Expect(maya.GetByText("Say whether the vendor trains on our data (see its terms).")).ToBeVisibleAsync();
        await Expect(maya.GetByText("Say whether a data-processing agreement is in place.")).ToBeVisibleAsync();
        await tool.SelectAsync("Trains on our data", "Does not train on our data");
        await tool.SelectAsync("Data-processing agreement with the vendor", "Not in place");
        await tool.SaveAsync();
        await Expect(maya.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Summarizer Pro");

        await maya.GotoAsync("/workflows/new");
        var workflow = new InventoryPage(maya);
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await workflow.SaveButton.ClickAsync();
        await Expect(maya.GetByText("Enter a name.")).ToBeVisibleAsync();
        await Expect(maya.GetByText("Enter the purpose: what the AI is used for and why.")).ToBeVisibleAsync();
        await workflow.FillAsync("Name", "Meeting minutes");
        await workflow.FillAsync("Purpose", "Drafts minutes from meeting transcripts for the organiser to check.");
        await workflow.CheckAsync("Summarizer Pro");
        await workflow.FillAsync("Approving role", "Meeting organiser");

        // The policy check follows the form before anything is saved.
        var findings = maya.Locator("section.findings-panel");
        await Expect(findings.Locator("[data-rule='tool-not-approved']")).ToContainTextAsync("“Summarizer Pro” is not approved yet");
        await Expect(findings.Locator("[data-rule='data-above-tool-limit']")).ToHaveCountAsync(0);
        await workflow.SelectAsync("Most sensitive data classification", "Confidential");
        await Expect(findings.Locator("[data-rule='data-above-tool-limit']")).ToContainTextAsync("Confidential data goes to “Summarizer Pro”");
        await workflow.SelectAsync("Most sensitive data classification", "Internal");
        await Expect(findings.Locator("[data-rule='data-above-tool-limit']")).ToHaveCountAsync(0);
        var id = await workflow.SaveAsync();

        await workflow.SelectAsync("Human oversight", "Spot-check a sample");
        await workflow.FillAsync("Spot-check sample (%)", "0");
        await workflow.SaveButton.ClickAsync();
        await Expect(maya.GetByText("A spot-check needs a sample rate between 1 and 100 %.")).ToBeVisibleAsync();
        await workflow.FillAsync("Spot-check sample (%)", "20");
        await workflow.SaveAsync();
        await Expect(workflow.History).ToContainTextAsync("Spot-check a sample");
        await Expect(workflow.History).ToContainTextAsync("20 %");

        await workflow.RetireAsync();
        await Expect(maya.Locator("[data-status='Retired']")).ToBeVisibleAsync();
        await maya.GotoAsync("/workflows");
        await Expect(maya.GetByRole(AriaRole.Table, new() { Name = "Workflows" })).ToContainTextAsync("No workflows recorded yet.");
        await maya.GotoAsync("/workflows?retired=true");
        await Expect(maya.GetByRole(AriaRole.Link, new() { Name = "Meeting minutes" })).ToBeVisibleAsync();
        await Expect(maya.GetByRole(AriaRole.Link, new() { Name = "Meeting minutes" })).ToHaveAttributeAsync("href", $"/workflows/{id}");
    }

    [Fact]
    public async Task Staff_read_workflows_and_the_server_refuses_a_save_from_someone_demoted_to_staff()
    {
        var maya = await ManagerOfGeneralAsync();
        var id = await CreateWorkflowAsync(maya, "Contract clause finder");

        // Maya has the page open with a Save button when an administrator makes her Staff.
        await maya.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var users = new UsersPage(admin);
        await users.OpenAsync();
        await users.SetRolesAsync("Maya Manager", "Staff");

        await new InventoryPage(maya).FillAsync("Name", "Contract clause finder v2");
        await new InventoryPage(maya).SaveButton.ClickAsync();
        await Expect(maya.GetByText("Your role can read the inventory but not change it.")).ToBeVisibleAsync();

        // On her next visit the page is read-only, and nothing she typed was stored.
        await maya.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await Expect(maya.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Contract clause finder");
        await Expect(new InventoryPage(maya).SaveButton).ToHaveCountAsync(0);
        await Expect(new InventoryPage(maya).Field("Name")).ToBeDisabledAsync();
        await Expect(maya.GetByText("You can read the inventory; managers and compliance officers keep it up to date.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Two_people_editing_the_same_workflow_the_second_save_shows_what_the_first_changed()
    {
        var maya = await ManagerOfGeneralAsync();
        var id = await CreateWorkflowAsync(maya, "Ticket triage");
        await maya.GotoAsync($"/workflows/{id}");
        await admin.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await new AppShell(admin).WaitUntilInteractiveAsync();

        await new InventoryPage(admin).FillAsync("Approving role", "Support lead");
        await new InventoryPage(admin).SaveAsync();
        await new InventoryPage(maya).FillAsync("Purpose", "Sorts incoming tickets by urgency for the support team.");
        await new InventoryPage(maya).SaveButton.ClickAsync();

        var dialog = maya.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Administrator saved this workflow");
        await Expect(dialog.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approving role" })).ToContainTextAsync("Support lead");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Load their version" }).ClickAsync();
        await Expect(new InventoryPage(maya).Field("Approving role")).ToHaveValueAsync("Support lead");
    }

    [Fact]
    public async Task The_audit_trail_shows_field_changes_and_detects_a_row_edited_by_hand()
    {
        var maya = await ManagerOfGeneralAsync();
        var id = await CreateWorkflowAsync(maya, "Invoice coding");
        await maya.GotoAsync($"/workflows/{id}");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await new InventoryPage(maya).SelectAsync("Autonomy", "Recommends a decision");
        await new InventoryPage(maya).SaveAsync();

        await admin.GotoAsync("/audit");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var changed = admin.Locator(".history-entry").Filter(new() { HasText = "Invoice coding" }).First;
        await Expect(changed).ToContainTextAsync("Maya Manager");
        await Expect(changed.GetByRole(AriaRole.Row).Filter(new() { HasText = "Autonomy" })).ToContainTextAsync("Assists a person");
        await Expect(changed.GetByRole(AriaRole.Row).Filter(new() { HasText = "Autonomy" })).ToContainTextAsync("Recommends a decision");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Verify integrity" }).ClickAsync();
        await Expect(admin.GetByTestId("verification")).ToContainTextAsync("Intact.");

        var tampered = TamperWithFirstWorkflowEntry();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Verify integrity" }).ClickAsync();
        await Expect(admin.GetByTestId("verification")).ToContainTextAsync($"Broken. Entry #{tampered}");
    }

    private long TamperWithFirstWorkflowEntry()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "aipolicyhub.db")};Pooling=False");
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT min(Id) FROM AuditEntries WHERE EntityType = 'Workflow'";
        var id = (long)find.ExecuteScalar()!;
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE AuditEntries SET UserName = 'Somebody Else' WHERE Id = $id";
        update.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, update.ExecuteNonQuery());
        return id;
    }

    /// <summary>The administrator creates Maya as a manager of the default department; Maya signs in.</summary>
    private async Task<IPage> ManagerOfGeneralAsync()
    {
        var users = new UsersPage(admin);
        await users.OpenAsync();
        var oneTimePassword = await users.AddUserAsync("maya@example.com", "Maya Manager", "Manager");

        await new OrganisationPage(admin).AddManagerAsync("General", "Maya Manager");

        var maya = await browser.NewPageAsync(app);
        await new SignInPage(maya).OpenAsync();
        await new SignInPage(maya).SignInFirstTimeAsync("maya@example.com", oneTimePassword, ManagerPassword);
        await Expect(maya).ToHaveURLAsync(new Regex("/$"));
        return maya;
    }

    private static async Task<int> CreateWorkflowAsync(IPage page, string name)
    {
        await page.GotoAsync("/workflows/new");
        await new AppShell(page).WaitUntilInteractiveAsync();
        var workflow = new InventoryPage(page);
        await workflow.FillAsync("Name", name);
        await workflow.FillAsync("Purpose", $"{name} for the team.");
        await workflow.FillAsync("Approving role", "Team lead");
        return await workflow.SaveAsync();
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(email, password);
        return page;
    }
}

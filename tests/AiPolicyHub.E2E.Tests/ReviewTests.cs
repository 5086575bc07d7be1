using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReviewTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ReviewTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_owner_answers_an_attestation_campaign_and_an_officer_records_a_review_with_evidence()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var maya = await browser.SignedInColleagueAsync(app, admin, "maya@example.com", "Maya Manager", "Manager");
        await new OrganisationPage(admin).AddManagerAsync("General", "Maya Manager");
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        await new InventoryPage(admin).AddToolAsync("Chatty", "Approved", "Internal");

        // Maya records a workflow, which she owns.
        await maya.GotoAsync("/workflows/new");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var form = new InventoryPage(maya);
        await form.FillAsync("Name", "Support reply drafts");
        await form.FillAsync("Purpose", "Drafts replies to customer emails for an agent to finish.");
        await form.FillAsync("Approving role", "Team lead");
        await form.SelectAsync("Most sensitive data classification", "Internal");
        await form.CheckAsync("Chatty");
        var id = await form.SaveAsync();

        // Cora asks the owners in General to confirm their records.
        await cora.GotoAsync("/attestations");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        var coraPages = new ReviewPages(cora);
        await coraPages.StartCampaignAsync("Winter inventory check", "General", DateOnly.FromDateTime((await app.NowAsync()).UtcDateTime).AddDays(14));
        await Expect(coraPages.CampaignProgress).ToContainTextAsync("0 of 1");
        var campaignUrl = cora.Url;

        // Maya is told on her dashboard, and confirms her workflow is still as recorded.
        await maya.GotoAsync("/");
        await new AppShell(maya).WaitUntilInteractiveAsync();
        await maya.GetByTestId("attestations-notice").GetByRole(AriaRole.Link, new() { Name = "Answer now" }).ClickAsync();
        await new AppShell(maya).WaitUntilInteractiveAsync();
        var mayaPages = new ReviewPages(maya);
        await Expect(mayaPages.AttestationAnswer).ToHaveTextAsync("Not answered");
        await Screenshots.TakeAsync(maya, "my-attestations.png");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Still as stored" }).ClickAsync();
        await Expect(mayaPages.AttestationAnswer).ToHaveTextAsync("Confirmed as stored");

        await cora.GotoAsync(campaignUrl);
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await Expect(coraPages.CampaignProgress).ToContainTextAsync("1 of 1");
        await Screenshots.TakeAsync(cora, "campaign.png");

        // Cora reviews the workflow against its checklist, then attaches the evidence to the review.
        await cora.GotoAsync($"/workflows/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await cora.GetByRole(AriaRole.Link, new() { Name = "Record review" }).ClickAsync();
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await Screenshots.TakeAsync(cora, "review-form.png");
        await coraPages.RecordStillFitAsync();
        await Expect(cora).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reviews/\\d+$"));
        await Expect(cora.GetByTestId("review-outcome")).ToHaveTextAsync("Still fit for purpose");
        await coraPages.AddEvidenceLinkAsync("Sample of twenty replies checked", "https://intranet.example.com/reviews/support-sample");
        await Expect(coraPages.Evidence).ToContainTextAsync("Sample of twenty replies checked");
        await Screenshots.TakeAsync(cora, "review.png");

        // The workflow's "last reviewed" comes from that review, and the register lists it with its evidence.
        await cora.GotoAsync($"/workflows/{id}");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await Expect(cora.GetByTestId("last-reviewed")).ToContainTextAsync("by Cora Compliance: still fit for purpose");
        await cora.GotoAsync("/reviews");
        await new AppShell(cora).WaitUntilInteractiveAsync();
        await Expect(cora.GetByTestId("reviews-table")).ToContainTextAsync("Support reply drafts");
        await Screenshots.TakeAsync(cora, "review-register.png");
    }
}

/// <summary>Full-page screenshots into the folder E2E_SCREENSHOTS names, when it is set.</summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}

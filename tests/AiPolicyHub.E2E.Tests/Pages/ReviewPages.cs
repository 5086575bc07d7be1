namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The review form, a recorded review with its evidence, the attestation campaign pages and "My attestations".</summary>
public sealed class ReviewPages(IPage page)
{
    public ILocator ChecklistItems => page.GetByTestId("review-item");
    public ILocator CampaignProgress => page.GetByTestId("campaign-progress");
    public ILocator AttestationAnswer => page.GetByTestId("attestation-answer");
    public ILocator Evidence => page.Locator("section.evidence-panel");

    /// <summary>Answers every checklist item "Yes" and records the review as still fit.</summary>
    public async Task RecordStillFitAsync()
    {
        // The checklist arrives over the live session after the first render: wait for it before counting its items.
        await Assertions.Expect(ChecklistItems.First).ToBeVisibleAsync();
        var count = await ChecklistItems.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await ChecklistItems.Nth(i).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        }
        await page.GetByLabel("Still fit for purpose").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record review" }).ClickAsync();
    }

    /// <summary>Adds a link as evidence through the evidence panel's dialog.</summary>
    public async Task AddEvidenceLinkAsync(string description, string url)
    {
        await Evidence.GetByRole(AriaRole.Button, new() { Name = "Add a link" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Description", new() { Exact = true }).FillAsync(description);
        await dialog.GetByLabel("Link", new() { Exact = true }).FillAsync(url);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
    }

    public async Task StartCampaignAsync(string title, string department, DateOnly dueOn)
    {
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Who is asked").SelectOptionAsync(new SelectOptionValue { Label = department });
        await page.GetByLabel("Due on").FillAsync(dueOn.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start campaign" }).ClickAsync();
    }
}

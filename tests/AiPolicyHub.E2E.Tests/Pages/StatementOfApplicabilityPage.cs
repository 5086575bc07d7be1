namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The ISO/IEC 42001 Statement of Applicability (/compliance/soa): its controls, versions, downloads and the audit pack.</summary>
public sealed class StatementOfApplicabilityPage(IPage page)
{
    /// <summary>Opens it from the main navigation, as an officer would.</summary>
    public async Task OpenFromNavigationAsync()
    {
        await new AppShell(page).Navigation.GetByRole(AriaRole.Link, new() { Name = "Statement of Applicability" }).ClickAsync();
        await Assertions.Expect(new AppShell(page).Heading).ToHaveTextAsync("Statement of Applicability");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("soa-summary")).ToBeVisibleAsync();
    }

    public ILocator Control(string code) => page.GetByRole(AriaRole.Table, new() { Name = "Annex A controls" }).Locator($"tr[data-control='{code}']");

    /// <summary>Publishes the statement as it is with <paramref name="summary"/> and waits for the version in the list.</summary>
    public async Task PublishAsync(string summary, int expectedNumber)
    {
        await page.GetByLabel("What this version changes").FillAsync(summary);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-version='{expectedNumber}']")).ToContainTextAsync(summary);
    }

    /// <summary>Clicks a download link and returns the file's bytes and suggested name.</summary>
    public async Task<(byte[] Bytes, string Name)> DownloadAsync(ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        return (await File.ReadAllBytesAsync((await download.PathAsync())!), download.SuggestedFilename);
    }

    public ILocator VersionPdf(int number) => page.GetByRole(AriaRole.Link, new() { Name = $"Version {number} as PDF" });

    public ILocator AuditPackLink => page.GetByRole(AriaRole.Link, new() { Name = "Download the audit pack" });

    public ILocator IncludeEvidenceFiles => page.GetByLabel("Include the evidence files");
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ComplianceTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(ComplianceTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_officer_publishes_the_statement_downloads_its_PDF_and_the_audit_pack_whose_files_match_their_manifest_hashes()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var cora = await browser.SignedInColleagueAsync(app, admin, "cora@example.com", "Cora Compliance", "Compliance officer");
        var soa = new StatementOfApplicabilityPage(cora);

        await soa.OpenFromNavigationAsync();
        await Expect(soa.Control("A.10.4")).ToContainTextAsync("No evidence");
        await KeepAPictureAsync(cora, "soa");
        await soa.PublishAsync("First statement for the certification audit.", 1);
        var (pdf, pdfName) = await soa.DownloadAsync(soa.VersionPdf(1));
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Matches(@"^statement-of-applicability-v1-\d{4}-\d{2}-\d{2}\.pdf$", pdfName);

        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_E2E_SHOTS") is { Length: > 0 })
        {
            await soa.Control("A.6.2.6").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(cora.GetByRole(AriaRole.Heading, new() { Name = "Evidence" })).ToBeVisibleAsync();
            await cora.WaitForTimeoutAsync(1500);   // the layout's transitions settle before the picture
            await KeepAPictureAsync(cora, "soa-control");
            await cora.GoBackAsync();
            await new AppShell(cora).WaitUntilInteractiveAsync();
        }
        await soa.IncludeEvidenceFiles.CheckAsync();
        var (zip, zipName) = await soa.DownloadAsync(soa.AuditPackLink);

        Assert.Matches(@"^audit-pack-\d{4}-\d{2}-\d{2}\.zip$", zipName);
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var manifest = JsonDocument.Parse(Read(archive, "manifest.json"));
        Assert.True(manifest.RootElement.GetProperty("evidenceFilesIncluded").GetBoolean());
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "statement-of-applicability.pdf");
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "risk-register.pdf");
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "audit-chain-verification.json");
        foreach (var file in files)
        {
            var bytes = Read(archive, file.GetProperty("path").GetString()!);
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Matches("^sha256:[0-9a-f]{64}$", file.GetProperty("dataFingerprint").GetString());
        }
        Assert.Equal(files.Count + 1, archive.Entries.Count);
        // The published version is what the pack carries.
        Assert.Contains("Version 1", files.Single(f => f.GetProperty("path").GetString() == "statement-of-applicability.pdf").GetProperty("note").GetString());
    }

    /// <summary>With AIPOLICYHUB_E2E_SHOTS set to a folder, keeps a full-page picture of the page there, for a look.</summary>
    private static async Task KeepAPictureAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_E2E_SHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    private static byte[] Read(ZipArchive archive, string path)
    {
        using var stream = archive.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

using System.IO.Compression;
using System.Net;
using AiPolicyHub.Core.Compliance.AuditPack;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Web.Endpoints;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Compliance;

/// <summary>The Statement of Applicability's downloads and the audit pack over HTTP: who gets them, as what, and that the pack verifies.</summary>
public sealed class ComplianceEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "compliance endpoint password";

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, await app.CreateUserAsync(role, Password), Password);
        return client;
    }

    [Fact]
    public async Task An_officer_downloads_the_statement_as_PDF_and_XLSX_each_with_a_report_id_and_never_cached()
    {
        var client = await SignedInAsync(Roles.ComplianceOfficer);

        var pdf = await client.GetAsync("/compliance/soa.pdf");
        var xlsx = await client.GetAsync("/compliance/soa.xlsx");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (pdf.StatusCode, xlsx.StatusCode));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..5]);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("no-store", pdf.Headers.CacheControl?.ToString());
        Assert.StartsWith("RPT-", pdf.Headers.GetValues(ReportEndpoints.ReportIdHeader).Single());
        using var reader = new XlsxTableReader(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), null);
        reader.Open(1);
        Assert.Equal("A.2.2", reader.Rows().First().Cells[0]);
    }

    [Theory]
    [InlineData(Roles.Staff, "/compliance/soa.pdf")]
    [InlineData(Roles.Manager, "/compliance/soa.xlsx")]
    [InlineData(Roles.Manager, "/compliance/audit-pack.zip")]
    public async Task Other_roles_are_refused_with_403(string role, string path)
    {
        var client = await SignedInAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_version_never_published_is_not_found()
    {
        var client = await SignedInAsync(Roles.ComplianceOfficer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/compliance/soa.pdf?version=99")).StatusCode);
    }

    [Fact]
    public async Task The_audit_pack_downloaded_verifies_against_its_manifest_and_the_manifest_against_the_report_history()
    {
        var client = await SignedInAsync(Roles.Administrator);

        var response = await client.GetAsync("/compliance/audit-pack.zip?from=2026-01-01&to=2026-12-31&files=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var zip = await response.Content.ReadAsByteArrayAsync();
        var check = AuditPackVerifier.Verify(new MemoryStream(zip));
        Assert.True(check.Intact, string.Join(" ", check.Problems));
        Assert.True(check.FilesChecked >= 6);
        var packId = response.Headers.GetValues(ReportEndpoints.ReportIdHeader).Single();
        var reader = await app.CreateTokenUserAsync(Roles.Staff);
        var recorded = await app.Services.GetRequiredService<ReportService>().CheckAsync(ApiFixture.PrincipalOf(reader.UserId), packId, check.ManifestSha256);
        Assert.True(recorded.Matches, recorded.Message);

        using var tampered = new MemoryStream();
        tampered.Write(zip);
        using (var archive = new ZipArchive(tampered, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = archive.GetEntry("risk-register.pdf")!.Open();
            stream.Seek(-10, SeekOrigin.End);
            stream.WriteByte(0x20);
        }
        Assert.False(AuditPackVerifier.Verify(new MemoryStream(tampered.ToArray())).Intact);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_a_bad_request()
    {
        var client = await SignedInAsync(Roles.ComplianceOfficer);

        var response = await client.GetAsync("/compliance/audit-pack.zip?from=2026-12-01&to=2026-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

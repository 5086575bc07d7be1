using System.Net;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Web.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Reports;

/// <summary>The PDF downloads: who gets which report, as what, and that each download is recorded.</summary>
public sealed class ReportEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "report endpoint password";

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, await app.CreateUserAsync(role, Password), Password);
        return client;
    }

    [Theory]
    [InlineData("/reports/usage-policy.pdf")]
    [InlineData("/reports/quick-reference.pdf")]
    public async Task Staff_download_the_policy_and_the_quick_reference_as_pdf(string path)
    {
        var client = await SignedInAsync(Roles.Staff);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        var slug = path["/reports/".Length..^".pdf".Length];
        Assert.Matches($"^{slug}-[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\\.pdf$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("RPT-", response.Headers.GetValues(ReportEndpoints.ReportIdHeader).Single());
    }

    [Theory]
    [InlineData(Roles.Staff, "/reports/risk-register.pdf")]
    [InlineData(Roles.Manager, "/reports/risk-register.pdf?tier=High")]
    [InlineData(Roles.Staff, "/reports/tool-register.pdf")]
    [InlineData(Roles.Staff, "/reports/workflow/1.pdf")]
    public async Task The_registers_and_sheets_are_refused_with_403_to_other_roles(string role, string path)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_policy_version_that_was_never_published_is_not_found()
    {
        var client = await SignedInAsync(Roles.Staff);

        var response = await client.GetAsync("/reports/usage-policy.pdf?version=999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Signed_out_visitors_get_401_and_no_report()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/reports/usage-policy.pdf");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Compliance_downloads_the_filtered_register_and_the_generation_is_in_the_audit_trail()
    {
        var client = await SignedInAsync(Roles.ComplianceOfficer);

        var response = await client.GetAsync("/reports/risk-register.pdf?tier=High&status=Approved");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("risk-register-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var reportId = response.Headers.GetValues(ReportEndpoints.ReportIdHeader).Single();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == ReportService.EntityType && e.EntityId == reportId);
        var changes = AuditTrail.ChangesOf(entry).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal("AI risk register", changes["Report"]);
        Assert.Equal("Tier: High; Status: Approved", changes["Filters"]);
        Assert.StartsWith("sha256:", changes["Fingerprint"]);
    }

    [Theory]
    [InlineData("/reports/no-such-report.pdf")]
    [InlineData("/reports/workflow/999999.pdf")]
    public async Task Unknown_reports_and_workflows_are_not_found(string path)
    {
        var client = await SignedInAsync(Roles.Administrator);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ComplianceOfficer)]
    public async Task The_reports_page_is_open_to_every_signed_in_user(string role)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync("/reports");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Report history", html);
        Assert.Contains("AI usage policy", html);
        // Compliance start on the register; staff are not offered it at all.
        var compliance = role == Roles.ComplianceOfficer;
        Assert.Equal(compliance, html.Contains("/reports/risk-register.pdf", StringComparison.Ordinal));
        Assert.Equal(compliance, html.Contains("AI risk register", StringComparison.Ordinal));
        Assert.Equal(!compliance, html.Contains("/reports/usage-policy.pdf", StringComparison.Ordinal));
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPolicyHub.Core.Tests.Policies.PolicyTestData;

namespace AiPolicyHub.Core.Tests.Policies;

/// <summary>The usage-policy PDF of a published version, read back with pdftotext (issue 8, acceptance 4).</summary>
public sealed class PublishedPolicyReportTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly TempFolder folder = new();
    private TestServices test = null!;
    private ReportService reports = null!;
    private ClaimsPrincipal officer = null!, staff = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        officer = await test.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        staff = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        reports = new ReportService(test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), test.RuleSettings, test.Directory,
            test.Provider.GetRequiredService<AuditTrail>(), clock, new ReportOptions("Test Organisation"));
    }

    public async Task DisposeAsync()
    {
        await test.DisposeAsync();
        folder.Dispose();
    }

    private async Task<(string Text, ReportMetadata Metadata)> GenerateAsync(ClaimsPrincipal user, string name, int? version = null)
    {
        var outcome = await reports.GenerateAsync(user, new ReportRequest(ReportKind.UsagePolicy, PolicyVersion: version));
        Assert.True(outcome.Succeeded, outcome.Message);
        var path = Path.Combine(folder.Path, name + ".pdf");
        await File.WriteAllBytesAsync(path, outcome.Pdf!);
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_KEEP_REPORTS") is { Length: > 0 } keep)
        {
            File.Copy(path, Path.Combine(keep, name + ".pdf"), overwrite: true);
        }
        return (PdfTools.Text(path), outcome.Document!.Metadata);
    }

    /// <summary>The text without what identifies one generation (its id, time and who asked), which every PDF carries.</summary>
    private static string WithoutGeneration(string text, ReportMetadata metadata) =>
        text.Replace(metadata.ReportId, "REPORT-ID")
            .Replace(metadata.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), "GENERATED-AT")
            .Replace(metadata.GeneratedBy, "GENERATED-BY");

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task The_same_published_version_gives_the_same_text_and_fingerprint_after_the_live_inventory_changed()
    {
        var alpha = await AddToolAsync(test, "Alpha Writer");
        await PublishAsync(test, officer, "First version of the policy");
        var (first, firstMetadata) = await GenerateAsync(staff, "policy-v1-first");

        // A week later: a new tool, a renamed and prohibited tool, a rule switched off, another person asking.
        clock.AddDays(7);
        await AddToolAsync(test, "Beta Coder");
        await using (var db = await test.DbAsync())
        {
            var tool = await db.Tools.SingleAsync(t => t.Id == alpha);
            tool.Name = "Alpha Writer Renamed";
            tool.ApprovalStatus = AiPolicyHub.Core.Inventory.ToolApprovalStatus.Prohibited;
            await db.SaveChangesAsync();
        }
        var rule = (await test.RuleSettings.ListAsync()).Rules.First(r => r.Enabled);
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        Assert.True((await test.RuleSettings.SaveAsync(admin, rule.Rule.Id, false, rule.Values, rule.Version)).Succeeded);
        var (later, laterMetadata) = await GenerateAsync(admin, "policy-v1-later");

        Assert.NotEqual(firstMetadata.ReportId, laterMetadata.ReportId);
        Assert.Equal(firstMetadata.Fingerprint, laterMetadata.Fingerprint);
        Assert.Equal(WithoutGeneration(first, firstMetadata), WithoutGeneration(later, laterMetadata));
        Assert.Contains("Version 1", later);
        Assert.Contains("Alpha Writer", later);
        Assert.DoesNotContain("Beta Coder", later);
        Assert.DoesNotContain("Renamed", later);
        Assert.Contains(Squeeze(rule.Rule.Title), Squeeze(later));
        Assert.DoesNotContain(UsagePolicyReport.VersionText, later);
        Assert.DoesNotContain("Draft", later);
    }

    [Fact]
    public async Task The_report_says_draft_only_until_a_version_is_published_and_then_prints_the_latest()
    {
        await AddToolAsync(test, "Alpha Writer");
        var (draft, draftMetadata) = await GenerateAsync(staff, "policy-draft");
        Assert.Contains(UsagePolicyReport.VersionText, draft);

        await PublishAsync(test, officer, "First version of the policy");
        await AddToolAsync(test, "Beta Coder");
        await PublishAsync(test, officer, "Beta Coder approved");
        var (latest, latestMetadata) = await GenerateAsync(staff, "policy-v2");
        var (older, _) = await GenerateAsync(staff, "policy-v1", version: 1);

        Assert.DoesNotContain(UsagePolicyReport.VersionText, latest);
        Assert.Contains("Version 2", latest);
        Assert.Contains("Beta Coder approved", latest);
        Assert.Contains("Beta Coder", latest);
        Assert.Contains("Version 1", older);
        Assert.DoesNotContain("Beta Coder", older);
        Assert.NotEqual(draftMetadata.Fingerprint, latestMetadata.Fingerprint);
        Assert.Equal(ReportRefusal.NotFound, (await reports.GenerateAsync(staff, new ReportRequest(ReportKind.UsagePolicy, PolicyVersion: 9))).Refusal);
    }

    [Fact]
    public async Task Before_the_first_publication_staff_get_the_default_text_not_the_officers_work_in_progress()
    {
        var loaded = (await test.Policies.DraftAsync(officer)).Value!;
        var saved = await test.Policies.SaveDraftAsync(officer, WithText(loaded.Sections, "purpose", t => t + "\n\nUnfinished wording under discussion."), loaded.Version);
        Assert.Equal(AiPolicyHub.Core.SaveStatus.Saved, saved.Status);

        var (forOfficer, _) = await GenerateAsync(officer, "policy-draft-officer");
        var (forStaff, _) = await GenerateAsync(staff, "policy-draft-staff");

        Assert.Contains("Unfinished wording under discussion.", Squeeze(forOfficer));
        Assert.DoesNotContain("Unfinished wording", Squeeze(forStaff));
        Assert.Contains(UsagePolicyReport.VersionText, forStaff);
    }

    [Fact]
    public async Task The_risk_register_gives_the_acknowledgement_rate_of_the_current_version_by_department()
    {
        var sales = await test.AddDepartmentAsync("Sales");
        await using (var db = await test.DbAsync())
        {
            var id = TestServices.UserId(staff);
            (await db.Users.SingleAsync(u => u.Id == id)).DepartmentId = sales;
            await db.SaveChangesAsync();
        }
        await PublishAsync(test, officer, "First version of the policy");
        Assert.True((await test.Acknowledgements.AcknowledgeAsync(staff, 1)).Succeeded);

        var outcome = await reports.GenerateAsync(officer, new ReportRequest(ReportKind.RiskRegister));
        var path = Path.Combine(folder.Path, "register.pdf");
        await File.WriteAllBytesAsync(path, outcome.Pdf!);
        var text = Squeeze(PdfTools.Text(path));

        Assert.Contains("Policy acknowledgement", text);
        Assert.Contains("50 % of the people with an account (1 of 2) have acknowledged version 1", text);
        Assert.Contains("Sales 1 1 100 %", text);
    }
}

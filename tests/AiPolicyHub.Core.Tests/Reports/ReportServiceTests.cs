using System.Security.Claims;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Reports;

/// <summary>
/// The demo inventory plus workflows with awkward names, with every report generated once as a compliance officer and
/// the policy as a staff member, each written to a file for the PDF tools.
/// </summary>
public sealed class GeneratedReports : IAsyncLifetime
{
    public const string Organisation = "Nordlicht Logistik GmbH";
    public static readonly string LongPurpose = SampleReports.LongText(5000);
    public static readonly string[] UnicodeNames = [.. SampleReports.UnicodeNames, "Überprüfung der Lieferantenverträge"];

    private readonly TempFolder folder = new();
    public TestServices Test { get; private set; } = null!;
    public ReportService Service { get; private set; } = null!;
    public ClaimsPrincipal Compliance { get; private set; } = null!;
    public ClaimsPrincipal Staff { get; private set; } = null!;
    public int LongPurposeWorkflowId { get; private set; }
    public Dictionary<string, (string Path, ReportOutcome Outcome)> Files { get; } = [];

    public async Task InitializeAsync()
    {
        Test = await new TestServices().InitializeAsync();
        Compliance = await Test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        Staff = await Test.CreateUserAsync("Sam Staff", Roles.Staff);
        await using (var db = await Test.DbAsync())
        {
            await DemoData.SeedAsync(db, Test.Provider.GetRequiredService<AuditTrail>(), CancellationToken.None);
        }
        var department = await Test.AddDepartmentAsync("Σύνδεσμος – Отдел");
        var level = await Test.ClassificationIdAsync("Internal");
        Workflow Make(string name, string purpose = "Summarises documents.") => new()
        {
            Name = name, Purpose = purpose, DepartmentId = department, DataClassificationId = level, ApprovingRole = "Lead",
            Stage = LifecycleStage.Pilot, Status = WorkflowStatus.Approved, NextReviewDate = DateOnly.FromDateTime(Test.Clock.GetUtcNow().UtcDateTime).AddMonths(6),
        };
        var longOne = Make("Lieferanten-Dossier mit langer Beschreibung", LongPurpose);
        await Test.AddWorkflowsAsync([.. UnicodeNames.Select(n => Make(n)), Make(SampleReports.EmojiName), longOne]);
        LongPurposeWorkflowId = longOne.Id;
        await using (var db = await Test.DbAsync())
        {
            await RiskIndex.UpdateUnassessedAsync(db);
        }
        Service = new ReportService(Test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), Test.RuleSettings, Test.Directory,
            Test.Provider.GetRequiredService<AuditTrail>(), Test.Clock, new ReportOptions(Organisation));

        await GenerateAsync("risk-register", Compliance, new ReportRequest(ReportKind.RiskRegister));
        await GenerateAsync("usage-policy", Staff, new ReportRequest(ReportKind.UsagePolicy));
        await GenerateAsync("quick-reference", Staff, new ReportRequest(ReportKind.QuickReference));
        await GenerateAsync("tool-register", Compliance, new ReportRequest(ReportKind.ToolRegister));
        await GenerateAsync("workflow-assessment", Compliance, new ReportRequest(ReportKind.WorkflowAssessment, WorkflowId: LongPurposeWorkflowId));
        await using (var db = await Test.DbAsync())
        {
            var riskiest = await db.Workflows.OrderByDescending(w => w.RiskScore).ThenBy(w => w.Id).Select(w => w.Id).FirstAsync();
            await GenerateAsync("workflow-assessment-demo", Compliance, new ReportRequest(ReportKind.WorkflowAssessment, WorkflowId: riskiest));
        }
    }

    private async Task GenerateAsync(string name, ClaimsPrincipal user, ReportRequest request)
    {
        var outcome = await Service.GenerateAsync(user, request);
        Assert.True(outcome.Succeeded, outcome.Message);
        var path = Path.Combine(folder.Path, name + ".pdf");
        await File.WriteAllBytesAsync(path, outcome.Pdf!);
        // Set AIPOLICYHUB_KEEP_REPORTS to a folder to keep the files for a look (e.g. pdftoppm -png).
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_KEEP_REPORTS") is { Length: > 0 } keep)
        {
            File.Copy(path, Path.Combine(keep, name + ".pdf"), overwrite: true);
        }
        Files[name] = (path, outcome);
    }

    public async Task DisposeAsync()
    {
        await Test.DisposeAsync();
        folder.Dispose();
    }
}

public sealed partial class ReportServiceTests(GeneratedReports reports) : IClassFixture<GeneratedReports>
{
    public static TheoryData<string> Names => ["risk-register", "usage-policy", "quick-reference", "tool-register", "workflow-assessment", "workflow-assessment-demo"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_report_is_a_valid_pdf_with_its_title_and_the_header_and_footer_on_every_page(string name)
    {
        var (path, outcome) = reports.Files[name];
        var (exitCode, output) = PdfTools.QpdfCheck(path);
        Assert.True(exitCode == 0, output);
        Assert.Contains("No syntax or stream encoding errors found", output);

        var info = PdfTools.Info(path);
        var metadata = outcome.Document!.Metadata;
        Assert.Equal(metadata.Title, info["Title"]);
        Assert.Contains($"fingerprint:{metadata.Fingerprint}", info["Keywords"]);
        Assert.Matches("^RPT-[0-9]{8}-[0-9]{6}-[0-9A-F]{6}$", metadata.ReportId);
        var pages = int.Parse(info["Pages"]);
        for (var page = 1; page <= pages; page++)
        {
            var text = PdfTools.Text(path, page);
            Assert.Contains(GeneratedReports.Organisation, text);
            Assert.Contains(metadata.Title, text);
            Assert.Contains($"Page {page} of {pages}", text);
            Assert.Contains(metadata.ReportId, text);
        }
    }

    [Fact]
    public async Task The_register_lists_every_workflow_in_use_exactly_once_whatever_its_script()
    {
        // Read only the register's Workflow column, page by page: a wrapped name must not be mixed with its neighbours.
        var (path, _) = reports.Files["risk-register"];
        var pages = int.Parse(PdfTools.Info(path)["Pages"]);
        var pageTexts = Enumerable.Range(1, pages).Select(p => PdfTools.Text(path, p)).ToList();
        var first = pageTexts.FindLastIndex(t => t.Contains(RiskRegisterReport.RegisterHeading, StringComparison.Ordinal)) + 1;
        var findings = pageTexts.FindLastIndex(t => t.Contains(RiskRegisterReport.FindingsHeading, StringComparison.Ordinal)) + 1;
        Assert.True(first > 2 && findings > first, $"The register runs from page {first} to {findings}.");
        // On the page where the register starts, its header row is the last one (the highest risks may come before it).
        var words = PdfTools.Words(path, first);
        var header = words.Last(w => w.Word == "Workflow");
        var left = header.XMin - 1;
        var right = words.First(w => w.Word.StartsWith("Dep", StringComparison.Ordinal) && Math.Abs(w.YMin - header.YMin) < 1).XMin - 1;
        var register = Squeeze(string.Join(" ", Enumerable.Range(first, findings - first).Select(p =>
            p == first ? PdfTools.TextIn(path, p, left, header.YMin - 1, right - left, 842 - header.YMin) : PdfTools.TextIn(path, p, left, 0, right - left, 842))));
        Assert.StartsWith("Workflow ", register.TrimStart());

        await using var db = await reports.Test.DbAsync();
        var names = await db.Workflows.Where(w => w.Status != WorkflowStatus.Retired).Select(w => w.Name).ToListAsync();
        Assert.Contains(GeneratedReports.UnicodeNames[0], names);
        foreach (var name in names.Where(n => n != SampleReports.EmojiName))
        {
            var expected = names.Count(other => other.Contains(name, StringComparison.Ordinal));
            Assert.True(expected == Occurrences(register, Squeeze(name)), $"“{name}” appears {Occurrences(register, Squeeze(name))} times in the register, expected {expected}.");
        }
        // The emoji has no glyph in the font: the rest of the name is still there, once.
        Assert.Equal(1, Occurrences(register, "Chatbot "));
        var retired = await db.Workflows.Where(w => w.Status == WorkflowStatus.Retired).Select(w => w.Name).ToListAsync();
        Assert.All(retired.Where(r => !names.Any(n => n.Contains(r, StringComparison.Ordinal))), r => Assert.DoesNotContain(Squeeze(r), register));
    }

    [Fact]
    public void The_assessment_sheet_prints_a_5000_character_purpose_in_full()
    {
        var text = Squeeze(PdfTools.Text(reports.Files["workflow-assessment"].Path));
        var purpose = Squeeze(GeneratedReports.LongPurpose);
        Assert.Contains(purpose[..200], text);
        Assert.Contains(purpose[^60..], text);
        Assert.Contains("EU AI Act", text);
        Assert.Contains("Rule results", text);
    }

    [Fact]
    public async Task The_policy_lists_every_approved_tool_and_says_it_is_a_draft()
    {
        var text = Squeeze(PdfTools.Text(reports.Files["usage-policy"].Path));
        var listing = await reports.Test.Directory.ListAsync(reports.Staff);
        Assert.Contains(listing.Tools, t => t.MayBeUsed);
        foreach (var tool in listing.Tools)
        {
            Assert.Contains(Squeeze(tool.Name), text);
        }
        Assert.Contains(UsagePolicyReport.VersionText, text);
        Assert.Contains("Separate generation from validation", text);
    }

    [Fact]
    public void The_quick_reference_fits_on_one_page()
    {
        Assert.Equal("1", PdfTools.Info(reports.Files["quick-reference"].Path)["Pages"]);
    }

    [Fact]
    public async Task Staff_cannot_generate_the_register_and_nothing_is_recorded_for_the_refusal()
    {
        int Count(AppDbContext db) => db.AuditEntries.Count(e => e.EntityType == ReportService.EntityType);
        await using var db = await reports.Test.DbAsync();
        var before = Count(db);

        var outcome = await reports.Service.GenerateAsync(reports.Staff, new ReportRequest(ReportKind.RiskRegister));

        Assert.Equal(ReportRefusal.Forbidden, outcome.Refusal);
        Assert.Null(outcome.Pdf);
        Assert.Equal(before, Count(db));
    }

    [Fact]
    public async Task Each_generation_is_recorded_and_its_fingerprint_checks_out()
    {
        var metadata = reports.Files["risk-register"].Outcome.Document!.Metadata;

        var history = await reports.Service.HistoryAsync(reports.Compliance);
        var record = Assert.Single(history, r => r.ReportId == metadata.ReportId);
        Assert.Equal(metadata.Fingerprint, record.Fingerprint);
        Assert.Equal("AI risk register", record.Title);
        Assert.Equal("Cora Compliance", record.GeneratedBy);
        Assert.True((await reports.Service.CheckAsync(reports.Staff, metadata.ReportId, metadata.Fingerprint)).Matches);
        Assert.False((await reports.Service.CheckAsync(reports.Staff, metadata.ReportId, "sha256:" + new string('0', 64))).Matches);
        // Staff see their own generations only.
        Assert.All(await reports.Service.HistoryAsync(reports.Staff), r => Assert.Equal("Sam Staff", r.GeneratedBy));
        await using var db = await reports.Test.DbAsync();
        Assert.True((await reports.Test.Audit.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task The_register_filters_by_tier_and_the_fingerprint_follows_the_data()
    {
        var all = await reports.Service.PreviewAsync(reports.Compliance, new ReportRequest(ReportKind.RiskRegister));
        var high = await reports.Service.PreviewAsync(reports.Compliance, new ReportRequest(ReportKind.RiskRegister, new ReportFilters(Tier: RiskTier.High)));
        var again = await reports.Service.PreviewAsync(reports.Compliance, new ReportRequest(ReportKind.RiskRegister));

        Assert.Equal(all.Document!.Metadata.Fingerprint, again.Document!.Metadata.Fingerprint);
        Assert.NotEqual(all.Document.Metadata.Fingerprint, high.Document!.Metadata.Fingerprint);
        Assert.Equal("Tier: High", high.Document.Metadata.FiltersText);
        var table = high.Document.Blocks.OfType<TableBlock>().Single(t => t.Columns[0].Header == "#");
        Assert.All(table.Rows, r => Assert.Equal("High", r.Cells[4]));
    }

    private static int Occurrences(string text, string value) =>
        Regex.Matches(text, Regex.Escape(value)).Count;

    /// <summary>Whitespace runs (including the line breaks of wrapped cells) as one space.</summary>
    private static string Squeeze(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

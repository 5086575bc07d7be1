using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Reports;

public sealed class ReportSizeAndFileNameTests : IAsyncLifetime
{
    private TestServices test = null!;

    public async Task InitializeAsync() => test = await new TestServices().InitializeAsync();

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Theory]
    [InlineData(ReportKind.RiskRegister, null, "risk-register-2026-12-03.pdf")]
    [InlineData(ReportKind.UsagePolicy, null, "usage-policy-2026-12-03.pdf")]
    [InlineData(ReportKind.WorkflowAssessment, 12, "workflow-12-assessment-2026-12-03.pdf")]
    public void A_download_is_named_after_the_report_and_the_day_it_was_generated(ReportKind kind, int? workflow, string expected)
    {
        var generated = new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(expected, ReportKinds.FileName(kind, generated, workflow));
    }

    [Fact]
    public void The_register_that_measured_27480_pages_at_100000_workflows_is_estimated_so_and_called_large()
    {
        Assert.InRange(RiskRegisterReport.EstimatedPages(100_000), 27_400, 27_600);
        Assert.True(RiskRegisterReport.EstimatedPages(100_000) > RiskRegisterReport.LargePages);
        Assert.True(RiskRegisterReport.EstimatedPages(200) < RiskRegisterReport.LargePages);
    }

    [Fact]
    public async Task The_estimate_counts_the_workflows_the_filters_select_and_is_for_compliance_only()
    {
        var cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        var operations = await test.AddDepartmentAsync("Operations");
        var legal = await test.AddDepartmentAsync("Legal");
        var level = await test.ClassificationIdAsync("Internal");
        Workflow Make(int department, int i, WorkflowStatus status = WorkflowStatus.Approved) => new()
        {
            Name = $"Workflow {department}-{i}", Purpose = "Summarises.", DepartmentId = department, DataClassificationId = level, ApprovingRole = "Lead",
            Stage = LifecycleStage.Pilot, Status = status, NextReviewDate = new DateOnly(2027, 6, 1),
        };
        await test.AddWorkflowsAsync([.. Enumerable.Range(1, 5).Select(i => Make(operations, i)), Make(legal, 1), Make(legal, 2, WorkflowStatus.Retired)]);
        var reports = test.Provider.GetRequiredService<ReportService>();

        var all = await reports.EstimateRegisterAsync(cora, ReportFilters.None);
        var legalOnly = await reports.EstimateRegisterAsync(cora, new ReportFilters(DepartmentId: legal));

        Assert.Equal(6, all!.Workflows);
        Assert.Equal(RiskRegisterReport.EstimatedPages(6), all.Pages);
        Assert.False(all.IsLarge);
        Assert.Equal(1, legalOnly!.Workflows);
        Assert.Null(await reports.EstimateRegisterAsync(sam, ReportFilters.None));
    }
}

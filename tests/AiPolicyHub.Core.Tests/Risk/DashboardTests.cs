using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using AiPolicyHub.Core.Data;

namespace AiPolicyHub.Core.Tests.Risk;

public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_counts_workflows_in_use_by_tier_status_and_cell_and_staff_do_not_get_it()
    {
        await using var test = await new TestServices().InitializeAsync();
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var staff = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        await using (var db = await test.DbAsync())
        {
            await DemoData.SeedAsync(db, test.Provider.GetRequiredService<AiPolicyHub.Core.Auditing.AuditTrail>(), CancellationToken.None);
        }
        var dashboard = test.Provider.GetRequiredService<Dashboard>();

        var summary = (await dashboard.LoadAsync(admin))!;

        await using var check = await test.DbAsync();
        var active = check.Workflows.Where(w => w.Status != WorkflowStatus.Retired);
        Assert.Equal(await active.CountAsync(), summary.Workflows);
        Assert.Equal(summary.Workflows, summary.ByTier.Values.Sum());
        Assert.Equal(summary.Workflows, summary.HeatMap.Cast<int>().Sum());
        Assert.Equal(await active.CountAsync(w => w.RiskLikelihood == 1 && w.RiskImpact == 3), summary.HeatMap[0, 2]);
        Assert.Equal(await active.CountAsync(w => w.Status == WorkflowStatus.Paused), summary.PausedWorkflows);
        var top = summary.HighestRisks;
        Assert.Equal(Dashboard.TopCount, top.Count);
        Assert.Equal(top.OrderByDescending(t => t.Score).Select(t => t.Score), top.Select(t => t.Score));
        Assert.Equal(await active.MaxAsync(w => w.RiskScore), top[0].Score);
        // The same findings as the findings report, counted by severity.
        var findings = await test.Findings.ListAsync(new AiPolicyHub.Core.Rules.FindingsQuery());
        Assert.NotEmpty(findings);
        Assert.Equal(findings.GroupBy(f => f.Finding.Severity).ToDictionary(g => g.Key, g => g.Count()),
            (await dashboard.FindingsBySeverityAsync(admin))!.Where(s => s.Value > 0).ToDictionary(s => s.Key, s => s.Value));
        Assert.Null(await dashboard.FindingsBySeverityAsync(staff));
        Assert.Null(await dashboard.LoadAsync(staff));
    }

    [Fact]
    public async Task Figures_kept_for_a_second_visit_follow_a_change_made_since()
    {
        await using var test = await new TestServices().InitializeAsync();
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        await using (var db = await test.DbAsync())
        {
            await DemoData.SeedAsync(db, test.Provider.GetRequiredService<AiPolicyHub.Core.Auditing.AuditTrail>(), CancellationToken.None);
        }
        var dashboard = test.Provider.GetRequiredService<Dashboard>();
        var before = (await dashboard.LoadAsync(admin))!;
        var findingsBefore = (await dashboard.FindingsBySeverityAsync(admin))!;
        Assert.Equal(before.Workflows, (await dashboard.LoadAsync(admin))!.Workflows);

        // Retire a workflow that has findings, through the same step as the page.
        var all = await test.Provider.GetRequiredService<AiPolicyHub.Core.Rules.FindingsReport>().ListAsync(new AiPolicyHub.Core.Rules.FindingsQuery());
        var id = all[0].WorkflowId;
        var itsFindings = all.Count(f => f.WorkflowId == id);
        int version;
        await using (var db = await test.DbAsync())
        {
            version = (await db.Workflows.SingleAsync(w => w.Id == id)).Version;
        }
        Assert.Equal(SaveStatus.Saved, (await test.Provider.GetRequiredService<WorkflowInventory>().RetireAsync(admin, id, version)).Status);

        var after = (await dashboard.LoadAsync(admin))!;
        Assert.Equal(before.Workflows - 1, after.Workflows);
        Assert.Equal(findingsBefore.Values.Sum() - itsFindings, (await dashboard.FindingsBySeverityAsync(admin))!.Values.Sum());
    }
}

using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Risk;

public sealed class RiskSnapshotsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task One_snapshot_is_taken_a_day_and_the_trend_shows_how_the_figures_moved_from_day_to_day()
    {
        var clock = new TestClock(Monday);
        await using var test = await new TestServices(clock).InitializeAsync();
        var compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        await using (var db = await test.DbAsync())
        {
            await DemoData.SeedAsync(db, test.Provider.GetRequiredService<AiPolicyHub.Core.Auditing.AuditTrail>(), CancellationToken.None);
        }
        var contexts = test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var snapshots = new RiskSnapshots(contexts, test.RuleSettings, clock);
        var dashboard = new Dashboard(contexts, new AiPolicyHub.Core.Rules.FindingsReport(contexts, test.RuleSettings, clock), clock);

        Assert.True(await snapshots.RecordTodayAsync());
        clock.Now = Monday.AddHours(8);
        Assert.False(await snapshots.RecordTodayAsync());

        // On Tuesday two more workflows are paused.
        await using (var db = await test.DbAsync())
        {
            var ids = await db.Workflows.Where(w => w.Status == WorkflowStatus.Approved).OrderBy(w => w.Id).Select(w => w.Id).Take(2).ToListAsync();
            await db.Workflows.Where(w => ids.Contains(w.Id)).ExecuteUpdateAsync(u => u.SetProperty(w => w.Status, WorkflowStatus.Paused));
        }
        clock.Now = Monday.AddDays(1);
        Assert.True(await snapshots.RecordTodayAsync());

        var trend = (await dashboard.TrendAsync(compliance))!;
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)], trend.Select(s => s.Date));
        Assert.Equal(trend[0].PausedWorkflows + 2, trend[1].PausedWorkflows);
        var today = (await dashboard.LoadAsync(compliance))!;
        Assert.Equal(today.PausedWorkflows, trend[1].PausedWorkflows);
        Assert.Equal(today.Workflows, trend[1].Workflows);
        Assert.All(Enum.GetValues<RiskTier>(), tier => Assert.Equal(today.ByTier[tier], trend[1].Count(tier)));
        Assert.Equal((await dashboard.FindingsBySeverityAsync(compliance))!.Values.Sum(), trend[1].OpenFindings);
    }

    [Fact]
    public async Task The_trend_covers_the_last_ninety_days_and_staff_do_not_get_it()
    {
        var clock = new TestClock(Monday);
        await using var test = await new TestServices(clock).InitializeAsync();
        var manager = await test.CreateUserAsync("Mia Manager", Roles.Manager);
        var staff = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        var contexts = test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var snapshots = new RiskSnapshots(contexts, test.RuleSettings, clock);
        var dashboard = new Dashboard(contexts, new AiPolicyHub.Core.Rules.FindingsReport(contexts, test.RuleSettings, clock), clock);
        await snapshots.RecordTodayAsync();
        clock.AddDays(Dashboard.TrendDays - 1);
        await snapshots.RecordTodayAsync();

        Assert.Equal(2, (await dashboard.TrendAsync(manager))!.Count);
        clock.AddDays(1);
        Assert.Single((await dashboard.TrendAsync(manager))!);
        Assert.Null(await dashboard.TrendAsync(staff));
    }

    [Fact]
    public async Task Two_instances_recording_the_same_day_leave_one_snapshot()
    {
        var clock = new TestClock(Monday);
        await using var test = await new TestServices(clock).InitializeAsync();
        var contexts = test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var first = new RiskSnapshots(contexts, test.RuleSettings, clock);
        var second = new RiskSnapshots(contexts, test.RuleSettings, clock);

        var recorded = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first : second).RecordTodayAsync()));

        Assert.Single(recorded, r => r);
        await using var db = await test.DbAsync();
        Assert.Equal(1, await db.RiskSnapshots.CountAsync());
    }
}

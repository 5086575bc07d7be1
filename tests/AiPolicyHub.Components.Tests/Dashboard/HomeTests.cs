using AiPolicyHub.Components.Tests.Admin;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Dashboard;

public sealed class HomeTests : SignedInPageTest
{
    [Fact]
    public async Task A_new_organisation_gets_the_first_run_checklist_with_every_step_to_do_and_a_link_to_each()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=first-run-checklist]")));
        var steps = Steps(page);
        Assert.Equal(["Departments", "ClassificationLevels", "Tools", "Workflows", "Policy", "People"], steps.Select(s => s.Key));
        Assert.All(steps, s => Assert.Equal("Not done", s.State));
        Assert.Equal(["/admin/organisation", "/admin/organisation", "/tools/new", "/import", "/policy/edit", "/admin/users"], steps.Select(s => s.Link));
        Assert.Equal("0 of 6 steps done.", page.Find("[data-testid=first-run-progress]").TextContent.Trim());
    }

    [Fact]
    public async Task Each_step_is_done_once_the_data_it_asks_for_exists()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        await Core.AddDepartmentAsync("Finance");
        await Core.CreateUserAsync("Sam Staff", Roles.Staff);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=first-run-checklist]")));
        var states = Steps(page).ToDictionary(s => s.Key, s => s.State);
        Assert.Equal("Done", states["Departments"]);
        Assert.Equal("Done", states["People"]);
        Assert.Equal("Not done", states["Tools"]);
        Assert.Equal("Not done", states["Policy"]);
        Assert.Equal("2 of 6 steps done.", page.Find("[data-testid=first-run-progress]").TextContent.Trim());
    }

    [Fact]
    public async Task A_manager_is_linked_only_to_the_steps_a_manager_may_do()
    {
        await SignInAsNewUserAsync("Maya Manager", Roles.Manager);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=first-run-checklist]")));
        var steps = Steps(page).ToDictionary(s => s.Key);
        Assert.Equal("/import", steps["Workflows"].Link);
        Assert.Null(steps["People"].Link);
        Assert.Contains("An administrator does this.", steps["People"].Text);
        Assert.Contains("A compliance officer or an administrator does this.", steps["Policy"].Text);
    }

    [Fact]
    public async Task The_tier_chart_has_a_table_beside_it_with_the_same_figures()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        await using (var db = await Core.DbAsync())
        {
            await DemoData.SeedAsync(db, Core.Provider.GetRequiredService<AuditTrail>(), CancellationToken.None);
        }

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=tier-table]")));
        var chart = page.FindComponents<MudChart<double>>().First().Instance;
        var charted = chart.ChartLabels.Zip(chart.ChartSeries.Single().Data.Values, (label, value) => (label, (int)value)).ToList();
        var tabled = page.FindAll("[data-testid=tier-table] tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), int.Parse(r.QuerySelector("td")!.TextContent.Replace(",", "")))).ToList();
        Assert.Equal(tabled, charted);
        Assert.True(tabled.Sum(t => t.Item2) > 0);
        // The chart is a picture for sighted users; screen readers get the table.
        Assert.Equal("true", page.Find(".dashboard-chart").GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task A_set_up_organisation_without_open_steps_shows_no_checklist()
    {
        await SignInAsNewUserAsync("Maya Manager", Roles.Manager);
        await using (var db = await Core.DbAsync())
        {
            await DemoData.SeedAsync(db, Core.Provider.GetRequiredService<AuditTrail>(), CancellationToken.None);
        }

        var page = Render<Home>();

        // The demo has tools and workflows; the steps still open are not the manager's to do.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=tier-table]")));
        Assert.Empty(page.FindAll("[data-testid=first-run-checklist]"));
    }

    [Fact]
    public async Task The_dashboard_counts_the_agents_by_status_with_findings_paused_and_dormant()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        await using (var db = await Core.DbAsync())
        {
            await DemoData.SeedAsync(db, Core.Provider.GetRequiredService<AuditTrail>(), CancellationToken.None);
        }

        var page = Render<Home>();

        // The demo: an approved support agent, and a draft payments agent acting alone through a proposed connector.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=agents-table]")));
        var rows = page.FindAll("[data-testid=agents-table] tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("2", rows["In use or planned"]);
        Assert.Equal("1", rows["Approved"]);
        Assert.Equal("1", rows["Draft"]);
        Assert.Equal("1", rows["With findings"]);
        Assert.Equal("0", rows["Paused"]);
        Assert.Equal("0", rows["Dormant, to review"]);
        Assert.Equal("/findings?of=agents", page.Find("[data-testid=agents-table] a[href^='/findings']").GetAttribute("href"));
    }

    private sealed record Step(string Key, string State, string? Link, string Text);

    private static IReadOnlyList<Step> Steps(IRenderedComponent<Home> page) =>
        page.FindAll("[data-testid=first-run-checklist] li").Select(li => new Step(
            li.GetAttribute("data-step")!,
            li.QuerySelector(".badge")!.TextContent.Trim(),
            li.QuerySelector("a")?.GetAttribute("href"),
            li.TextContent)).ToList();
}

using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Web.Components.Pages.Incidents;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Records;

public sealed class IncidentPagesTests : RecordsTest
{
    private static readonly DateTime HappenedUtc = new(2026, 11, 30, 14, 5, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_incidents_times_are_shown_in_the_readers_zone_with_the_zone_named()
    {
        var department = await Core.AddDepartmentAsync("Support");
        var sam = await SignInNewAsync("Sam Staff", Roles.Staff);
        var id = await ReportIncidentAsync(sam, department, HappenedUtc);

        var page = Render<IncidentDetailPage>(p => p.Add(x => x.Id, id).AddCascadingValue(Berlin));

        page.WaitForAssertion(() => Assert.Equal("30 Nov 2026, 15:05 (Europe/Berlin)", page.Find("[data-testid=incident-when]").TextContent.Trim()));
    }

    [Fact]
    public async Task Staff_may_report_an_incident_but_only_read_its_triage_and_cannot_close_it()
    {
        var department = await Core.AddDepartmentAsync("Support");
        var sam = await SignInNewAsync("Sam Staff", Roles.Staff);
        var id = await ReportIncidentAsync(sam, department, HappenedUtc);

        var page = Render<IncidentDetailPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=triage-read-only]");
        Assert.Empty(page.FindAll("#tri-status"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Save triage"));
        var list = Render<IncidentList>();
        Assert.Contains(list.FindAll("a"), a => a.TextContent.Contains("Report an incident") && a.GetAttribute("href") == "/incidents/new");
    }

    [Fact]
    public async Task The_departments_manager_triages_and_may_close_the_incident()
    {
        var department = await Core.AddDepartmentAsync("Support");
        var sam = await Core.CreateUserAsync("Sam Staff", Roles.Staff);
        var id = await ReportIncidentAsync(sam, department, HappenedUtc);
        await SignInNewAsync("Maya Manager", Roles.Manager, department);

        var page = Render<IncidentDetailPage>(p => p.Add(x => x.Id, id));

        var status = page.WaitForElement("#tri-status");
        Assert.Contains(status.QuerySelectorAll("option"), o => o.TextContent == "Closed without action");
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Contains("Save triage"));
        Assert.Empty(page.FindAll("[data-testid=triage-read-only]"));
    }

    [Fact]
    public async Task The_report_form_labels_its_time_with_the_readers_zone_and_stores_what_was_typed_as_UTC()
    {
        var department = await Core.AddDepartmentAsync("Support");
        var workflow = (await AddWorkflowsAsync(department, 1))[0];
        await SignInNewAsync("Sam Staff", Roles.Staff);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/incidents/new?workflow={workflow}");

        var page = Render<IncidentReportPage>(p => p.AddCascadingValue(Berlin));

        var when = page.WaitForElement("#inc-when");
        Assert.Equal("When it happened (Europe/Berlin)", page.Find("label[for=inc-when]").TextContent.Trim());
        // The clock stands at 1 Dec 2026 10:00 UTC: 11:00 in Berlin.
        Assert.Equal("2026-12-01T11:00", when.GetAttribute("value"));
        when.Change("2026-07-01T09:30");
        page.Find("#inc-title").Change("Wrong refund promised");
        page.Find("#inc-what").Change("A reply promised a refund we do not offer.");
        await page.Find("form").SubmitAsync();

        await using var db = await Core.DbAsync();
        var stored = await db.Incidents.SingleAsync();
        Assert.Equal(new DateTime(2026, 7, 1, 7, 30, 0), stored.OccurredAt);
    }

    [Fact]
    public async Task With_no_incident_yet_the_list_says_so_and_offers_to_report_one()
    {
        await SignInNewAsync("Cora Compliance", Roles.ComplianceOfficer);

        var list = Render<IncidentList>();

        var empty = list.WaitForElement("[data-testid=incidents-empty]");
        Assert.Contains("No incident is recorded yet", empty.TextContent);
        Assert.Equal("/incidents/new", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_list_shows_when_it_happened_in_the_readers_zone()
    {
        var department = await Core.AddDepartmentAsync("Support");
        var sam = await SignInNewAsync("Sam Staff", Roles.Staff);
        await ReportIncidentAsync(sam, department, HappenedUtc);

        var list = Render<IncidentList>(p => p.AddCascadingValue(Berlin));

        list.WaitForAssertion(() => Assert.Contains(list.FindAll("td"), td => td.TextContent.Contains("30 Nov 2026, 15:05 (Europe/Berlin)")));
        Assert.Contains(list.FindAll("th"), th => th.TextContent.Contains("When (Europe/Berlin)"));
    }

    [Fact]
    public async Task With_nothing_paused_the_pauses_page_says_so_and_points_to_reporting_an_incident()
    {
        await SignInNewAsync("Sam Staff", Roles.Staff);

        var page = Render<PausesPage>();

        var none = page.WaitForElement("[data-testid=no-pauses]");
        Assert.Contains("Nothing is paused", none.TextContent);
        Assert.Equal("/incidents/new", none.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("No proposal is waiting", page.Find("[data-testid=no-proposals]").TextContent);
        // Only administrators manage risk triggers: staff get no link to them.
        Assert.Empty(page.FindAll("a[href='/admin/triggers']"));
    }
}

using AiPolicyHub.Core;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Web.Components.Pages.Admin;
using AiPolicyHub.Web.Components.Pages.Incidents;
using AiPolicyHub.Web.Components.Pages.Workflows;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Records;

public sealed class ObligationPagesTests : RecordsTest
{
    private static readonly DateTime HappenedUtc = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_manager_classifies_a_serious_incident_sees_its_countdown_and_logs_the_notice_to_the_provider()
    {
        var department = await Core.AddDepartmentAsync("Lending");
        var sam = await Core.CreateUserAsync("Sam Staff", Roles.Staff);
        var id = await ReportIncidentAsync(sam, department, HappenedUtc);
        await SignInNewAsync("Maya Manager", Roles.Manager, department);

        var page = Render<IncidentDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=art73-none]");
        page.Find("#art73-kind").Change(nameof(SeriousIncidentKind.Death));
        page.Find("#art73-aware").Change("2026-11-30");
        await page.Find("form[aria-label='Serious incident classification']").SubmitAsync();

        // The test clock stands at 1 December 2026: a death reported on 30 November is due on 10 December.
        page.WaitForAssertion(() => Assert.Contains("Due in 9 days (by 10 December 2026)", page.Find("[data-testid=art73-clock]").TextContent));
        Assert.NotNull(page.Find("[data-testid=notices-empty]"));
        page.Find("#notice-name").Change("Acme Scoring BV");
        page.Find("#notice-date").Change("2026-12-01");
        page.Find("#notice-reference").Change("ticket 7781");
        await page.Find("form[aria-label='Log a notice']").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Acme Scoring BV", page.Find(".notices-table").TextContent));
        Assert.Contains("ticket 7781", page.Find(".notices-table").TextContent);
        // A notice to the provider does not stop the clock; one to the authority would.
        Assert.Contains("Due in 9 days", page.Find("[data-testid=art73-clock]").TextContent);
    }

    [Fact]
    public async Task Staff_read_the_serious_incident_section_without_a_form()
    {
        var department = await Core.AddDepartmentAsync("Lending");
        var sam = await SignInNewAsync("Sam Staff", Roles.Staff);
        var id = await ReportIncidentAsync(sam, department, HappenedUtc);

        var page = Render<IncidentDetailPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=art73-none]");
        Assert.Empty(page.FindAll("#art73-kind"));
    }

    [Fact]
    public async Task The_workflow_panel_shows_the_role_the_FRIA_due_and_the_obligations_coming_with_their_dates()
    {
        var department = await Core.AddDepartmentAsync("Lending");
        var workflow = (await AddWorkflowsAsync(department, 1, "Loan pre-screening"))[0];
        var officer = await SignInNewAsync("Cora Compliance", Roles.ComplianceOfficer);
        var profiles = Services.GetRequiredService<EuAiActProfiles>();
        var loaded = (await profiles.ViewAsync(officer, workflow))!.Profile;
        Assert.Equal(SaveStatus.Saved, (await profiles.SaveAsync(officer, workflow, loaded with { Area = HighRiskArea.CreditScoring }, loaded)).Status);

        var panel = Render<EuAiActObligationsPanel>(p => p.Add(x => x.WorkflowId, workflow));

        panel.WaitForAssertion(() => Assert.Contains("Required and missing.", panel.Find("[data-testid=obl-fria]").TextContent));
        Assert.Equal("/workflows/" + workflow + "/fria", panel.Find("[data-testid=obl-fria-link]").GetAttribute("href"));
        Assert.Contains("LITERACY", panel.Find("[data-testid=obl-in-force]").InnerHtml);
        var fria = panel.Find("[data-testid=obl-coming] li[data-code=D-FRIA]");
        Assert.Contains("applies from 2 December 2027", fria.TextContent);
        Assert.Equal("Deployer (we use it)", panel.Find("#obl-role").QuerySelector("option[selected]")?.TextContent);
    }

    [Fact]
    public async Task A_manager_records_the_credit_scoring_area_and_the_panel_then_shows_the_FRIA_as_due()
    {
        var department = await Core.AddDepartmentAsync("Lending");
        var workflow = (await AddWorkflowsAsync(department, 1, "Loan pre-screening"))[0];
        await SignInNewAsync("Maya Manager", Roles.Manager, department);

        var panel = Render<EuAiActObligationsPanel>(p => p.Add(x => x.WorkflowId, workflow));
        panel.WaitForAssertion(() => Assert.Contains("Not required.", panel.Find("[data-testid=obl-fria]").TextContent));
        panel.Find("#obl-area").Change(nameof(HighRiskArea.CreditScoring));
        await panel.Find("form[aria-label='EU AI Act details']").SubmitAsync();

        panel.WaitForAssertion(() => Assert.Contains("Required and missing.", panel.Find("[data-testid=obl-fria]").TextContent));
        Assert.NotNull(panel.Find("[data-testid=obl-coming] li[data-code=D-MONITOR]"));
    }

    [Fact]
    public async Task An_administrator_uploading_an_invalid_table_sees_each_problem_and_the_table_in_use_stays()
    {
        await SignInNewAsync("Ada Admin", Roles.Administrator);
        var page = Render<ObligationsTablePage>();
        page.WaitForAssertion(() => Assert.Contains("In use: version 1", page.Markup));

        var broken = ObligationTable.BuiltInJson.Replace("\"2026-08-02\"", "\"next summer\"");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(broken, "obligations.json"));

        page.WaitForAssertion(() => Assert.Contains("obligations[2].appliesFrom: a date as YYYY-MM-DD is required.", page.Find("[data-testid=obl-upload-errors]").TextContent));
        Assert.Contains("In use: version 1", page.Markup);
    }
}

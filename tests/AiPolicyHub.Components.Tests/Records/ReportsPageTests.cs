using MudBlazor;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Web.Components.Pages.Reports;

namespace AiPolicyHub.Components.Tests.Records;

public sealed class ReportsPageTests : RecordsTest
{
    [Fact]
    public async Task A_very_large_register_is_announced_with_its_size_and_a_filter_and_is_built_only_after_confirming()
    {
        var department = await Core.AddDepartmentAsync("Operations");
        await AddWorkflowsAsync(department, 1100);
        await SignInNewAsync("Cora Compliance", Roles.ComplianceOfficer);
        var dialogs = Render<MudDialogProvider>();

        var page = Render<ReportsPage>();

        var warning = page.WaitForElement("[data-testid=register-size]");
        var pages = RiskRegisterReport.EstimatedPages(1100);
        Assert.Contains($"about {pages:N0} pages", warning.TextContent);
        Assert.Contains("1,100 workflows", warning.TextContent);
        Assert.Contains("Choose a department, a risk tier", warning.TextContent);
        // No direct link: the download asks first.
        Assert.Empty(page.FindAll("a[href^='/reports/risk-register.pdf']"));

        // Not awaited: the click's handler waits for the person's answer in the dialog.
        _ = page.FindAll("button").Single(b => b.TextContent.Trim() == "Download PDF").ClickAsync();

        dialogs.WaitForAssertion(() => Assert.Contains($"Download a register of about {pages:N0} pages?", dialogs.Markup));
        Assert.Contains("Choose a filter first", dialogs.Markup);
    }

    [Fact]
    public async Task Filtering_the_large_register_to_a_small_department_gives_a_direct_download()
    {
        var big = await Core.AddDepartmentAsync("Operations");
        var small = await Core.AddDepartmentAsync("Legal");
        await AddWorkflowsAsync(big, 1100);
        await AddWorkflowsAsync(small, 3, "Contract summaries");
        await SignInNewAsync("Cora Compliance", Roles.ComplianceOfficer);
        var page = Render<ReportsPage>();
        page.WaitForElement("[data-testid=register-size].mud-alert");

        page.Find("#r-department").Change(small.ToString());

        page.WaitForAssertion(() => Assert.Contains("(3 workflows)", page.Find("[data-testid=register-size]").TextContent));
        Assert.Single(page.FindAll($"a[href='/reports/risk-register.pdf?department={small}']"));
    }

    [Fact]
    public async Task Staff_are_offered_only_the_policy_and_the_quick_reference_and_no_register_estimate()
    {
        await SignInNewAsync("Sam Staff", Roles.Staff);

        var page = Render<ReportsPage>();

        var options = page.WaitForElement("#r-kind").QuerySelectorAll("option").Select(o => o.TextContent).ToList();
        Assert.Equal(["AI usage policy", "Staff quick reference"], options);
        Assert.Empty(page.FindAll("[data-testid=register-size]"));
        Assert.Contains("No report has been generated yet", page.Find("[data-testid=history-empty]").TextContent);
    }

    [Fact]
    public async Task Compliance_is_offered_the_AI_bill_of_materials_download_and_staff_are_not()
    {
        await SignInNewAsync("Cora Compliance", Roles.ComplianceOfficer);
        var page = Render<ReportsPage>();
        var link = page.WaitForElement($"a[href='{ReportsPage.AiBomPath}']");
        Assert.Contains("Download AI-BOM (CycloneDX JSON)", link.TextContent);

        await SignInNewAsync("Sam Staff", Roles.Staff);
        var staffPage = Render<ReportsPage>();
        staffPage.WaitForElement("#r-kind");
        Assert.Empty(staffPage.FindAll($"a[href='{ReportsPage.AiBomPath}']"));
        Assert.DoesNotContain("AI bill of materials", staffPage.Markup);
    }
}

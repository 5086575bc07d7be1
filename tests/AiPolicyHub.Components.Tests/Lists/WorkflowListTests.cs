using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Preferences;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Lists;

public sealed class WorkflowListTests : ListTest
{
    [Fact]
    public async Task The_grid_asks_for_the_filters_sort_and_page_in_the_address()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        GoTo($"workflows?status=Draft&department={Marketing}&tier=High&sort=RiskScore&desc=true&page=2&q=minutes");

        var page = Render<WorkflowList>();

        page.WaitForAssertion(() => Assert.NotNull(page.Instance.LastQuery));
        var query = page.Instance.LastQuery!;
        Assert.Equal(WorkflowStatus.Draft, query.Status);
        Assert.Equal(Marketing, query.DepartmentId);
        Assert.Equal(AiPolicyHub.Core.Risk.RiskTier.High, query.Tier);
        Assert.Equal("minutes", query.Search);
        Assert.Equal(WorkflowSort.RiskScore, query.Sort);
        Assert.True(query.Descending);
        Assert.Equal(50, query.Skip);
    }

    [Fact]
    public async Task Rows_show_the_residual_risk_and_its_tier_with_the_total()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        await AddWorkflowAsync("Newsletter", Marketing);
        GoTo("workflows");

        var page = Render<WorkflowList>();

        page.WaitForAssertion(() => Assert.Contains("1 workflows", page.Find(".list-total").TextContent));
        var headers = page.FindAll("th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains(headers, h => h.StartsWith("Residual risk"));
        Assert.Contains(headers, h => h.StartsWith("Risk tier"));
        var stored = (await Core.Workflows.ListAsync(new WorkflowListQuery())).Items.Single();
        Assert.True(stored.RiskScore > 0);
        var row = page.Find("tbody tr").TextContent;
        Assert.Contains(stored.RiskScore.ToString(), row);
        Assert.Contains(AiPolicyHub.Core.Inventory.EnumText.Of(stored.RiskTier), row);
    }

    [Fact]
    public async Task The_column_choice_is_kept_for_the_same_person_and_not_for_others()
    {
        var ada = await SignInStoredAsync("Ada Admin", Roles.Administrator);
        var maya = await Core.CreateUserAsync("Maya Manager", Roles.Manager, Marketing);
        await AddWorkflowAsync("Newsletter", Marketing);
        GoTo("workflows");
        var first = Render<WorkflowList>();
        first.WaitForAssertion(() => Assert.Contains(first.FindAll("th"), h => h.TextContent.Trim() == "Owner"));

        first.Find("input[type=checkbox][data-column=owner]").Change(false);

        Assert.Equal("department,status,risk-score,risk-tier,next-review",
            await Core.Provider.GetRequiredService<UserPreferences>().GetAsync(ada, WorkflowList.ColumnsPreference));
        var again = Render<WorkflowList>();
        again.WaitForAssertion(() => Assert.Contains("1 workflows", again.Find(".list-total").TextContent));
        Assert.DoesNotContain(again.FindAll("th"), h => h.TextContent.Trim() == "Owner");
        Assert.False(again.Find("input[data-column=owner]").HasAttribute("checked"));

        SignInStored(maya, "Maya Manager", Roles.Manager);
        var hers = Render<WorkflowList>();
        hers.WaitForAssertion(() => Assert.Contains(hers.FindAll("th"), h => h.TextContent.Trim() == "Owner"));
    }

    [Fact]
    public async Task Staff_see_no_selection_bulk_actions_or_new_workflow_button()
    {
        await SignInStoredAsync("Sam Staff", Roles.Staff);
        await AddWorkflowAsync("Newsletter", Marketing);
        GoTo("workflows");

        var page = Render<WorkflowList>();

        page.WaitForAssertion(() => Assert.Contains("Newsletter", page.Find("tbody").TextContent));
        Assert.Empty(page.FindAll("input[aria-label='Select all on this page']"));
        Assert.Empty(page.FindAll("input[aria-label='Select Newsletter']"));
        Assert.Empty(page.FindAll("section[aria-label='Bulk actions']"));
        Assert.DoesNotContain(page.FindAll("a"), a => a.GetAttribute("href") == "/workflows/new");
    }

    [Fact]
    public async Task A_manager_sets_the_owner_of_selected_rows_and_sees_what_each_row_came_to()
    {
        var maya = await SignInStoredAsync("Maya Manager", Roles.Manager, Marketing);
        var newsletter = await AddWorkflowAsync("Newsletter", Marketing);
        await AddWorkflowAsync("Board minutes", Finance);
        GoTo("workflows");
        var page = Render<WorkflowList>();
        page.WaitForAssertion(() => Assert.Contains("Board minutes", page.Find("tbody").TextContent));

        page.Find("input[aria-label='Select all on this page']").Change(true);
        page.Find("#bulk-owner").Change(TestServices.UserId(maya));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Set owner").Click();

        page.WaitForAssertion(() => Assert.Contains("Set owner: 1 of 2 done.", page.Find("section[aria-label='Outcome of the bulk action']").TextContent));
        var outcome = page.Find("section[aria-label='Outcome of the bulk action']");
        Assert.Contains("Board minutes", outcome.TextContent);
        Assert.Equal(TestServices.UserId(maya), (await Core.Workflows.GetAsync(newsletter))!.OwnerId);
        // The refused row stays selected, to try again after a fix; the export covers exactly the selection.
        Assert.Contains("1 selected", page.Find(".bulk-count").TextContent);
        Assert.EndsWith("?ids=" + (newsletter + 1), page.Find("a[aria-label='Download the selected workflows as CSV']").GetAttribute("href"));
    }

    [Fact]
    public async Task An_empty_list_says_what_to_do_next_for_each_role()
    {
        await SignInStoredAsync("Maya Manager", Roles.Manager, Marketing);
        GoTo("workflows");
        var manager = Render<WorkflowList>();
        manager.WaitForAssertion(() => Assert.Contains("No workflows recorded yet.", manager.Markup));
        Assert.Contains(manager.FindAll(".empty-state a"), a => a.GetAttribute("href") == "/workflows/new");

        await SignInStoredAsync("Sam Staff", Roles.Staff);
        var staff = Render<WorkflowList>();
        staff.WaitForAssertion(() => Assert.Contains("No workflows recorded yet.", staff.Markup));
        Assert.Contains(staff.FindAll(".empty-state a"), a => a.GetAttribute("href") == "/check");
    }

    [Fact]
    public async Task A_filtered_empty_list_offers_to_clear_the_filters()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        await AddWorkflowAsync("Newsletter", Marketing);
        GoTo("workflows?status=Approved");
        var page = Render<WorkflowList>();
        page.WaitForAssertion(() => Assert.Contains("No workflow matches these filters.", page.Markup));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Clear the filters").Click();

        page.WaitForAssertion(() => Assert.Contains("Newsletter", page.Find("tbody").TextContent));
        Assert.Null(page.Instance.LastQuery!.Status);
    }

    [Fact]
    public async Task A_saved_view_is_listed_as_a_link_to_its_filters()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        GoTo("workflows?status=Draft&sort=RiskScore&desc=true");
        var page = Render<WorkflowList>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.LastQuery));

        page.Find("#view-name").Input("Risky drafts");
        page.Find("form.saved-view-form").Submit();

        page.WaitForAssertion(() =>
        {
            var link = page.FindAll(".saved-view-list a").Single();
            Assert.Equal("Risky drafts", link.TextContent);
            Assert.Equal("/workflows?status=Draft&sort=RiskScore&desc=true", link.GetAttribute("href"));
        });
    }
}

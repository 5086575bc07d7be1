using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Components.Pages.Findings;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Lists;

public sealed class FindingsPageTests : ListTest
{
    [Fact]
    public async Task The_grid_asks_for_the_filters_order_and_page_in_the_address()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        GoTo($"findings?severity=High&rule=data-above-tool-limit&department={Finance}&sort=workflow&desc=false&page=3");

        var page = Render<FindingsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Instance.LastQuery));
        Assert.Equal(new FindingsPageQuery(FindingSeverity.High, "data-above-tool-limit", Finance, null, FindingSort.Workflow, false, 100, 50),
            page.Instance.LastQuery);
        Assert.Equal("High", page.Find("#fi-severity").GetAttribute("value"));
    }

    [Fact]
    public async Task The_total_counts_every_matching_finding_and_a_filter_change_goes_into_the_address()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        await AddWorkflowAsync("Board minutes", Finance, confidential: true);
        await AddWorkflowAsync("Payroll summary", Finance, confidential: true);
        await AddWorkflowAsync("Newsletter", Marketing);
        var all = await Core.Findings.ListAsync(new FindingsQuery());
        GoTo("findings");
        var page = Render<FindingsPage>();
        page.WaitForAssertion(() => Assert.Equal($"{all.Count} findings", page.Find("[data-testid=findings-total]").TextContent.Trim()));

        page.Find("#fi-rule").Change("data-above-tool-limit");

        page.WaitForAssertion(() => Assert.Equal("2 findings", page.Find("[data-testid=findings-total]").TextContent.Trim()));
        Assert.Contains("rule=data-above-tool-limit", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
        Assert.Equal(2, page.FindAll("[data-rule=data-above-tool-limit]").Count);
    }

    [Fact]
    public async Task A_compliance_officer_can_start_an_exception_from_a_finding_and_a_manager_cannot()
    {
        await SignInStoredAsync("Carl Compliance", Roles.ComplianceOfficer);
        var board = await AddWorkflowAsync("Board minutes", Finance, confidential: true);
        GoTo("findings?rule=data-above-tool-limit");
        var officer = Render<FindingsPage>();
        officer.WaitForAssertion(() => Assert.Single(officer.FindAll("a.finding-grant")));
        Assert.Equal($"/workflows/{board}?grant=data-above-tool-limit#exceptions", officer.Find("a.finding-grant").GetAttribute("href"));
        Assert.Equal("Grant exception", officer.Find("a.finding-grant").TextContent);

        await SignInStoredAsync("Maya Manager", Roles.Manager, Finance);
        var manager = Render<FindingsPage>();
        manager.WaitForAssertion(() => Assert.Single(manager.FindAll("[data-rule=data-above-tool-limit]")));
        Assert.Empty(manager.FindAll("a.finding-grant"));
    }

    [Fact]
    public async Task The_agents_findings_are_listed_linked_to_each_agent_and_filtered_by_the_agent_rules()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        await AddWorkflowAsync("Board minutes", Finance, confidential: true);
        var connector = await Services.GetRequiredService<AiPolicyHub.Core.Agents.ConnectorCatalog>().SaveAsync(Cora, null, new AiPolicyHub.Core.Agents.ConnectorForm
        {
            Name = "ERP API", DataClassificationId = Internal, ApprovalStatus = AiPolicyHub.Core.Inventory.ToolApprovalStatus.Proposed,
        });
        var agent = await Services.GetRequiredService<AiPolicyHub.Core.Agents.AgentInventory>().SaveAsync(Cora, null, new AiPolicyHub.Core.Agents.AgentForm
        {
            Name = "Payment agent", Purpose = "Pays invoices.", DepartmentId = Finance, ToolId = Summarizer, DataClassificationId = Internal,
            Permissions = AiPolicyHub.Core.Agents.AgentPermissions.ReadData | AiPolicyHub.Core.Agents.AgentPermissions.SpendMoney, Autonomy = AiPolicyHub.Core.Agents.AgentAutonomy.ActsAlone,
            ConnectorIds = [connector.Id],
        });
        Assert.Equal(AiPolicyHub.Core.SaveStatus.Saved, agent.Status);
        GoTo("findings?of=agents");

        var page = Render<FindingsPage>();

        page.WaitForAssertion(() => Assert.Equal("2 findings", page.Find("[data-testid=findings-total]").TextContent.Trim()));
        Assert.All(page.FindAll("td.col-name a"), a => Assert.Equal($"/agents/{agent.Id}", a.GetAttribute("href")));
        Assert.Empty(page.FindAll("[data-rule=data-above-tool-limit]"));
        // The rule filter offers the agent rules only.
        Assert.Contains(page.FindAll("#fi-rule option"), o => o.GetAttribute("value") == "agent-connector-not-approved");
        Assert.DoesNotContain(page.FindAll("#fi-rule option"), o => o.GetAttribute("value") == "data-above-tool-limit");

        page.Find("#fi-rule").Change("agent-connector-not-approved");

        page.WaitForAssertion(() => Assert.Equal("1 finding", page.Find("[data-testid=findings-total]").TextContent.Trim()));
        Assert.Contains("of=agents", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
        Assert.Contains("“ERP API” is proposed", page.Find("[data-rule=agent-connector-not-approved]").TextContent);
    }

    [Fact]
    public async Task No_findings_say_so_and_point_to_the_next_step()
    {
        await SignInStoredAsync("Ada Admin", Roles.Administrator);
        GoTo("findings");

        var page = Render<FindingsPage>();

        page.WaitForAssertion(() => Assert.Contains("No workflow breaks a policy rule.", page.Markup));
        Assert.Equal("0 findings", page.Find("[data-testid=findings-total]").TextContent.Trim());
        Assert.Contains(page.FindAll(".empty-state a"), a => a.GetAttribute("href") == "/workflows");
    }
}

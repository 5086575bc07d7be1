using System.Security.Claims;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Agents;

namespace AiPolicyHub.Components.Tests.Agents;

public sealed class AgentListTests : ComponentTest
{
    private TestServices core = null!;
    private int department, level, tool;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        department = await core.AddDepartmentAsync("Finance");
        level = await core.ClassificationIdAsync("Internal");
        var cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        tool = (await core.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Ledger AI", Vendor = "Acme", MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        Auth.SetAuthorized("Cora Compliance");
        Auth.SetRoles(Roles.ComplianceOfficer);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(cora)));
    }

    private async Task AddAgentsAsync(int count)
    {
        await using var db = await core.DbAsync();
        db.Agents.AddRange(Enumerable.Range(0, count).Select(i => new Agent
        {
            Name = $"Agent {i:D4}", Purpose = "Counts.", DepartmentId = department, ToolId = tool, DataClassificationId = level,
            Permissions = AgentPermissions.ReadData, Status = WorkflowStatus.Draft, Version = 1,
        }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_list_longer_than_a_page_says_how_many_agents_it_leaves_out_and_links_the_downloads()
    {
        await AddAgentsAsync(AgentListQuery.MaxTake + 2);

        var cut = Render<AgentList>();

        cut.WaitForAssertion(() => Assert.Equal(AgentListQuery.MaxTake, cut.FindAll("table[aria-label='AI agents'] tbody tr").Count), TimeSpan.FromSeconds(30));
        Assert.Contains("Showing the first 1,000 of 1,002 agents by name", cut.Find("[data-testid=agents-shown]").TextContent);
        Assert.Equal(["/export/agents.csv", "/export/agents.xlsx", "/export/agents.json"],
            cut.FindAll("[aria-label='Download the agents'] a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_list_that_fits_says_nothing_of_a_limit()
    {
        await AddAgentsAsync(3);

        var cut = Render<AgentList>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("table[aria-label='AI agents'] tbody tr").Count), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=agents-shown]"));
    }
}

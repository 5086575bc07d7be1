using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Agents;
using AiPolicyHub.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Agents;

public sealed class AgentEditTests : ComponentTest
{
    private TestServices core = null!;
    private ClaimsPrincipal maya = null!;
    private int department, confidential, tool;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync(new TestClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        ComponentFactories.AddStub<PausePanel>();
        department = await core.AddDepartmentAsync("Finance");
        confidential = await core.ClassificationIdAsync("Confidential");
        maya = await core.CreateUserAsync("Maya Manager", Roles.Manager, department);
        var cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        tool = (await core.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Ledger AI", Vendor = "Acme", MaxClassificationId = confidential, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        Auth.SetAuthorized("Maya Manager");
        Auth.SetRoles(Roles.Manager);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(maya)), new Claim(ClaimTypes.Name, "Maya Manager"));
    }

    [Fact]
    public async Task The_findings_and_the_risk_follow_the_form_as_it_changes_before_it_is_saved()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/agents/new");
        Render<MudPopoverProvider>();
        var cut = Render<AgentEdit>();
        cut.WaitForState(() => cut.FindAll("form.edit-form").Count > 0, TimeSpan.FromSeconds(10));
        Assert.Contains("Choose the data it reaches", cut.Markup);

        cut.Find("#agent-tool").Change(tool.ToString());
        cut.Find("#agent-data").Change(confidential.ToString());
        cut.WaitForAssertion(() => Assert.Contains("Policy check", cut.Markup));
        Assert.DoesNotContain("Agent sends outside or spends without a human checkpoint", cut.Markup);

        cut.FindAll("fieldset.flags-chooser input[type=checkbox]").Single(i => i.Closest("label")!.TextContent.Contains("Spend money")).Change(true);
        cut.Find("#agent-autonomy").Change(nameof(AgentAutonomy.ActsAlone));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Agent sends outside or spends without a human checkpoint", cut.Markup);
            Assert.Contains("Agent acting alone on sensitive data", cut.Markup);
            Assert.Contains("the agent acts alone, with no person approving", cut.Markup);
        });

        cut.Find("#checkpoint-SpendMoney").Input("Finance lead");
        cut.WaitForAssertion(() => Assert.DoesNotContain("Agent sends outside or spends without a human checkpoint", cut.Markup));
        Assert.Empty(await core.Provider.GetRequiredService<AgentInventory>().ListAsync()); // nothing is stored until Save
    }

    [Fact]
    public async Task A_saved_agents_page_shows_its_EU_AI_Act_obligations_from_the_workflow_relying_on_it_and_follows_a_change_of_role()
    {
        var workflow = (await core.Workflows.SaveAsync(maya, null, new WorkflowForm
        {
            Name = "Loan pre-screening", Purpose = "Scores loan applications for the credit team.", DepartmentId = department, DataClassificationId = confidential,
            ToolIds = [tool], ApprovingRole = "Credit lead", Autonomy = Autonomy.RecommendDecision, AffectsPeople = PeopleImpact.Lending,
        })).Id;
        var profiles = core.Provider.GetRequiredService<EuAiActProfiles>();
        var profile = (await profiles.ViewAsync(maya, workflow))!.Profile;
        Assert.Equal(SaveStatus.Saved, (await profiles.SaveAsync(maya, workflow, profile with { Area = HighRiskArea.CreditScoring }, profile)).Status);
        var agent = await core.Provider.GetRequiredService<AgentInventory>().SaveAsync(maya, null, new AgentForm
        {
            Name = "Document gatherer", Purpose = "Gathers the documents of a loan application.", DepartmentId = department, ToolId = tool,
            DataClassificationId = confidential, WorkflowIds = [workflow],
        });
        Render<MudPopoverProvider>();

        var cut = Render<AgentEdit>(p => p.Add(c => c.Id, agent.Id));

        cut.WaitForAssertion(() => Assert.Equal("High-risk", cut.Find("[data-testid=obl-category]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("from workflow Loan pre-screening (suggested)", cut.Find("[data-testid=obl-category-source]").TextContent);
        Assert.Equal("/workflows/" + workflow, cut.Find("[data-testid=obl-category-source] a").GetAttribute("href"));
        Assert.StartsWith("Deployer", cut.Find("[data-testid=obl-role]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=obl-in-force] li[data-code=LITERACY]"));
        Assert.Contains("applies from 2 December 2027", cut.Find("[data-testid=obl-coming] li[data-code=D-MONITOR]").TextContent);

        cut.Find("#agent-role").Change(nameof(OperatorRole.Provider));
        await cut.Find("form.edit-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.StartsWith("Provider", cut.Find("[data-testid=obl-role]").TextContent), TimeSpan.FromSeconds(10));
        Assert.NotNull(cut.Find("[data-testid=obl-coming] li[data-code=P-CONFORMITY]"));
        Assert.Empty(cut.FindAll("[data-testid=obl-coming] li[data-code=D-MONITOR]"));
        Assert.Equal(OperatorRole.Provider, (await core.Provider.GetRequiredService<AgentInventory>().GetAsync(agent.Id))!.OperatorRole);
    }

    [Fact]
    public async Task Staff_read_an_agents_role_and_obligations_but_cannot_change_the_role()
    {
        var agent = await core.Provider.GetRequiredService<AgentInventory>().SaveAsync(maya, null, new AgentForm
        {
            Name = "Meeting notes agent", Purpose = "Summarises meeting notes.", DepartmentId = department, ToolId = tool, DataClassificationId = confidential,
        });
        var sam = await core.CreateUserAsync("Sam Staff", Roles.Staff);
        Auth.SetAuthorized("Sam Staff");
        Auth.SetRoles(Roles.Staff);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(sam)), new Claim(ClaimTypes.Name, "Sam Staff"));
        Render<MudPopoverProvider>();

        var cut = Render<AgentEdit>(p => p.Add(c => c.Id, agent.Id));

        cut.WaitForAssertion(() => Assert.Equal("Minimal risk", cut.Find("[data-testid=obl-category]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("no workflow relies on it", cut.Find("[data-testid=obl-category-source]").TextContent);
        Assert.True(cut.Find("#agent-role").HasAttribute("disabled"));
    }
}

using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
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
}

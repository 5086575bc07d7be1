using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Check;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Checker;

public sealed class UsageCheckPageTests : ComponentTest
{
    private TestServices core = null!;
    private int tool, internalLevel;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        var cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        internalLevel = await core.ClassificationIdAsync("Internal");
        tool = (await core.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Chatbot", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
            HasDataProcessingAgreement = true,
        })).Id;
        var sue = await core.CreateUserAsync("Sue Staff", Roles.Staff);
        Auth.SetAuthorized("Sue Staff");
        Auth.SetRoles(Roles.Staff);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(sue)), new Claim(ClaimTypes.Name, "Sue Staff"));
    }

    [Fact]
    public async Task After_check_the_address_carries_the_question()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/check");
        var page = Render<UsageCheckPage>();
        page.WaitForElement("#q-tool");

        await page.Find("#q-tool").ChangeAsync(new ChangeEventArgs { Value = tool.ToString() });
        await page.Find("#q-task").ChangeAsync(new ChangeEventArgs { Value = nameof(Core.Rules.UsageTask.Summarising) });
        await page.Find("#q-level").ChangeAsync(new ChangeEventArgs { Value = internalLevel.ToString() });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Yes, allowed", page.Find("[data-testid=answer] h2").TextContent));
        var address = new Uri(navigation.Uri);
        Assert.Equal("/check", address.AbsolutePath);
        Assert.Contains($"tool={tool}", address.Query);
        Assert.Contains("task=Summarising", address.Query);
        Assert.Contains($"level={internalLevel}", address.Query);
        Assert.Contains("audience=Internal", address.Query);
    }

    [Fact]
    public async Task Choosing_an_agent_answers_for_the_agent_and_keeps_it_in_the_address()
    {
        var cora = await core.CreateUserAsync("Carl Compliance", Roles.ComplianceOfficer);
        var agents = core.Provider.GetRequiredService<AiPolicyHub.Core.Agents.AgentInventory>();
        var department = await core.AddDepartmentAsync("Support");
        var saved = await agents.SaveAsync(cora, null, new AiPolicyHub.Core.Agents.AgentForm
        {
            Name = "Reply agent", Purpose = "Drafts replies to customer emails.", DepartmentId = department, ToolId = tool, DataClassificationId = internalLevel,
        });
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/check");
        var page = Render<UsageCheckPage>();
        page.WaitForElement("#q-agent");
        Assert.Contains(page.FindAll("#q-agent option"), o => o.TextContent == "Reply agent (Chatbot) — draft");

        await page.Find("#q-agent").ChangeAsync(new ChangeEventArgs { Value = saved.Id.ToString() });
        await page.Find("#q-task").ChangeAsync(new ChangeEventArgs { Value = nameof(Core.Rules.UsageTask.WritingEmails) });
        await page.Find("#q-level").ChangeAsync(new ChangeEventArgs { Value = internalLevel.ToString() });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Not allowed", page.Find("[data-testid=answer] h2").TextContent));
        Assert.Contains("through the agent “Reply agent”", page.Find("[data-testid=answer]").TextContent);
        Assert.Contains("The agent “Reply agent” is not approved (it is draft)", page.Find(".reasons").TextContent);
        Assert.Contains($"agent={saved.Id}", new Uri(navigation.Uri).Query);
    }

    [Fact]
    public void Opening_the_address_shows_the_answer()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/check?tool={tool}&task=ScreeningApplicants&level={internalLevel}&audience=Internal");

        var page = Render<UsageCheckPage>();

        page.WaitForAssertion(() => Assert.Equal("Not on your own — only in an approved workflow", page.Find("[data-testid=answer] h2").TextContent));
    }
}

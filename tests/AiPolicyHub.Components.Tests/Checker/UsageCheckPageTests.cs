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
    public void Opening_the_address_shows_the_answer()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/check?tool={tool}&task=ScreeningApplicants&level={internalLevel}&audience=Internal");

        var page = Render<UsageCheckPage>();

        page.WaitForAssertion(() => Assert.Equal("Not on your own — only in an approved workflow", page.Find("[data-testid=answer] h2").TextContent));
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Tools;

namespace AiPolicyHub.Components.Tests.Tools;

public sealed class ToolEditTests : ComponentTest
{
    private TestServices core = null!;

    public override async Task InitializeAsync() => core = await UseCoreAsync();

    private async Task SignInAsync(string name, string role)
    {
        var user = await core.CreateUserAsync(name, role);
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(user)), new Claim(ClaimTypes.Name, name));
    }

    [Fact]
    public async Task A_new_tool_has_no_pre_chosen_answer_about_vendor_training_or_the_agreement()
    {
        await SignInAsync("Cora Compliance", Roles.ComplianceOfficer);

        var page = Render<ToolEdit>();
        page.WaitForElement("#tool-training");

        Assert.Equal("", page.Find("#tool-training").GetAttribute("value") ?? "");
        Assert.Equal("Not answered yet — choose…", page.Find("#tool-training option[value='']").TextContent);
        Assert.Equal("true", page.Find("#tool-training").GetAttribute("aria-required"));
        Assert.Equal("", page.Find("#tool-dpa").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Saving_without_answering_the_vendor_facts_says_so_next_to_the_fields_and_saves_nothing()
    {
        await SignInAsync("Cora Compliance", Roles.ComplianceOfficer);
        var page = Render<ToolEdit>();
        page.WaitForElement("#tool-training");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Say whether the vendor trains on our data", page.Find("#tool-training").ParentElement!.TextContent));
        Assert.Contains("Say whether a data-processing agreement is in place", page.Find("#tool-dpa").ParentElement!.TextContent);
        Assert.Empty(await core.Tools.ListAsync(includeRetired: true));
    }

    [Fact]
    public async Task Staff_read_the_tool_form_but_cannot_save_it()
    {
        await SignInAsync("Sue Staff", Roles.Staff);

        var page = Render<ToolEdit>();
        page.WaitForElement("#tool-training");

        Assert.Contains("You can read the inventory", page.Markup);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Save");
        Assert.True(page.Find("#tool-training").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_compliance_officer_can_save_and_choose_any_status()
    {
        await SignInAsync("Cora Compliance", Roles.ComplianceOfficer);

        var page = Render<ToolEdit>();
        page.WaitForElement("#tool-status");

        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Save");
        Assert.Equal(5, page.FindAll("#tool-status option").Count);
    }
}

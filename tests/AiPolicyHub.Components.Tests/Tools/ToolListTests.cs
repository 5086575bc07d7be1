using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Tools;
using System.Security.Claims;

namespace AiPolicyHub.Components.Tests.Tools;

public sealed class ToolListTests : ComponentTest
{
    private TestServices core = null!;
    private ClaimsPrincipal cora = null!;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var level = await core.ClassificationIdAsync("Internal");
        foreach (var (name, vendor) in new[] { ("Chatbot", "Acme"), ("Translator", "Lingo") })
        {
            await core.Tools.SaveAsync(cora, null, new ToolForm { Name = name, Vendor = vendor, MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved });
        }
    }

    private void As(ClaimsPrincipal user, string name, string role)
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(user)), new Claim(ClaimTypes.Name, name));
    }

    [Fact]
    public async Task Staff_see_the_tools_but_no_new_tool_button()
    {
        As(await core.CreateUserAsync("Sue Staff", Roles.Staff), "Sue Staff", Roles.Staff);

        var page = Render<ToolList>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody a[href^='/tools/']").Count));
        Assert.DoesNotContain(page.FindAll("a"), a => a.TextContent.Trim() == "New tool");
    }

    [Fact]
    public void A_compliance_officer_gets_the_new_tool_button_and_the_search_narrows_the_grid()
    {
        As(cora, "Cora Compliance", Roles.ComplianceOfficer);

        var page = Render<ToolList>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody a[href^='/tools/']").Count));
        Assert.Contains(page.FindAll("a"), a => a.TextContent.Trim() == "New tool");

        page.Find("input.mud-input-slot").Input("lingo");

        page.WaitForAssertion(() => Assert.Equal(["Translator"], page.FindAll("tbody a[href^='/tools/']").Select(a => a.TextContent)), TimeSpan.FromSeconds(3));
    }
}

using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Layout;

public sealed class NavMenuTests : ComponentTest
{
    [Theory]
    [InlineData("tools/directory", "Approved AI tools")]
    [InlineData("tools/12", "AI tools")]
    [InlineData("policy/acknowledgements", "Policy acknowledgements")]
    [InlineData("policy/changes?from=1", "AI usage policy")]
    [InlineData("", "Dashboard")]
    public void Exactly_one_item_is_the_current_page(string address, string expected)
    {
        SignInAs("ada", Roles.Administrator);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var current = Render<NavMenu>().FindAll("a[aria-current=page]");

        Assert.Equal(expected, Assert.Single(current).TextContent.Trim());
    }

    [Fact]
    public void Staff_see_no_administration_or_import_links()
    {
        SignInAs("sam", Roles.Staff);

        var links = Render<NavMenu>().FindAll("a").Select(a => a.TextContent.Trim()).ToList();

        Assert.Contains("Can I use AI for this?", links);
        Assert.DoesNotContain("Import", links);
        Assert.DoesNotContain("Users", links);
        Assert.DoesNotContain("Audit trail", links);
    }
}

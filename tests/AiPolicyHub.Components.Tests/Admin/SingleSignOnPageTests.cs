using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Identity.SingleSignOn;
using AiPolicyHub.Web.Components.Pages.Admin;
using AiPolicyHub.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class SingleSignOnPageTests : SignedInPageTest
{
    public override async Task InitializeAsync()
    {
        // Before the base class renders its popover provider, which builds the services.
        Services.AddSingleton(new SingleSignOnOptions { Authority = "https://idp.example.com/", ClientId = "aipolicyhub", DisplayName = "Contoso", DepartmentClaim = "department" });
        Services.AddSingleton(new LocalAccountOptions { Enabled = false, BreakGlassEmail = "root@example.com" });
        await base.InitializeAsync();
    }

    [Fact]
    public async Task An_administrator_maps_a_group_to_a_role_and_sees_it_listed()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var page = Render<SingleSignOnPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=role-mappings-empty]")));
        Assert.Contains("only root@example.com signs in with a password", page.Find("[data-testid=sso-settings]").TextContent);

        page.Find("input[placeholder^='e.g. aiph-managers']").Input("aiph-managers");
        page.Find("#sso-role").Change(Roles.Manager);
        await page.FindAll("button").Single(b => b.TextContent.Contains("Add role mapping")).ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("aiph-managers", page.Find("[aria-label='Role mappings']").TextContent));
        var mappings = await Core.Provider.GetRequiredService<ClaimMappings>().ListAsync(await AdminAsync());
        Assert.Equal([("aiph-managers", Roles.Manager)], mappings.Value!.Roles.Select(r => (r.ClaimValue, r.Role)));
    }

    [Fact]
    public async Task An_empty_group_value_is_refused_with_a_message()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var page = Render<SingleSignOnPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=role-mappings-empty]")));

        await page.FindAll("button").Single(b => b.TextContent.Contains("Add role mapping")).ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Enter the claim value", page.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_gets_the_access_denied_notice()
    {
        await SignInAsNewUserAsync("Cora Compliance", Roles.ComplianceOfficer);

        var page = Render<SingleSignOnPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.DoesNotContain("Add role mapping", page.Markup);
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> AdminAsync() =>
        await Core.CreateUserAsync("Other Admin", Roles.Administrator);
}

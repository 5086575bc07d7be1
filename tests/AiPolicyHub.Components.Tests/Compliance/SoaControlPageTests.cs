using AiPolicyHub.Components.Tests.Admin;
using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Pages.Compliance;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Compliance;

public sealed class SoaControlPageTests : SignedInPageTest
{
    [Fact]
    public async Task Excluding_a_control_without_a_reason_shows_the_message_next_to_the_field_and_saves_nothing()
    {
        await SignInAsNewUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var page = Render<SoaControlPage>(p => p.Add(x => x.Code, "A.7.2"));
        page.WaitForAssertion(() => Assert.Contains("A.7.2 Data for development and improvement", page.Find("h1").TextContent));

        // The radios are "Applicable", then "Not applicable".
        page.FindAll("input[type=radio]")[1].Click();
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

        page.WaitForAssertion(() => Assert.Contains("Say why the control is excluded", page.Markup));
        var row = (await Core.Provider.GetRequiredService<StatementOfApplicability>().CurrentAsync(await Core.CreateUserAsync("Colin Compliance", Roles.ComplianceOfficer)))
            .Value!.Controls.Single(c => c.Code == "A.7.2");
        Assert.Equal((true, 0), (row.Applicable, row.Version));
    }

    [Fact]
    public async Task The_control_page_shows_its_coverage_and_the_rules_that_cite_it()
    {
        await SignInAsNewUserAsync("Cora Compliance", Roles.ComplianceOfficer);

        var page = Render<SoaControlPage>(p => p.Add(x => x.Code, "A.10.3"));

        page.WaitForAssertion(() => Assert.Contains("No evidence is attached.", page.Find("[data-testid=soa-control-coverage]").TextContent));
        Assert.Contains("Tool not approved — no open findings", page.Markup);
    }

    [Fact]
    public async Task An_unknown_code_says_so_and_links_back_to_the_statement()
    {
        await SignInAsNewUserAsync("Cora Compliance", Roles.ComplianceOfficer);

        var page = Render<SoaControlPage>(p => p.Add(x => x.Code, "A.99"));

        page.WaitForAssertion(() => Assert.Contains("There is no Annex A control A.99.", page.Markup));
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Tools;

public sealed class RulesPageTests : ComponentTest
{
    private TestServices core = null!;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        var ada = await core.CreateUserAsync("Ada Admin", Roles.Administrator);
        Auth.SetAuthorized("Ada Admin");
        Auth.SetRoles(Roles.Administrator);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(ada)), new Claim(ClaimTypes.Name, "Ada Admin"));
    }

    [Fact]
    public async Task Switching_a_rule_off_and_saving_stores_it_and_marks_the_rule_off()
    {
        var page = Render<RulesPage>();
        var section = $"section[data-rule='{DataAboveToolLimitRule.RuleId}']";
        page.WaitForElement(section);

        await page.Find($"{section} input[type=checkbox]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });
        await page.FindAll($"{section} button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains(page.FindAll($"{section} .badge"), b => b.TextContent.Trim() == "Off"));
        var (rules, _) = await core.Provider.GetRequiredService<AiPolicyHub.Core.Rules.Stored.RuleSettingsStore>().ListAsync();
        Assert.False(rules.Single(r => r.Rule.Id == DataAboveToolLimitRule.RuleId).Enabled);
    }
}

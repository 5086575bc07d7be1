using AiPolicyHub.Core;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Pages.Policy;
using AiPolicyHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Records;

public sealed class PolicyTests : RecordsTest
{
    private async Task PublishAsync(string summary)
    {
        var cora = await Core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var draft = (await Core.Policies.DraftAsync(cora)).Value!;
        var outcome = await Core.Policies.PublishAsync(cora, draft.Sections, draft.Version, summary);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
    }

    [Fact]
    public async Task The_banner_asks_to_acknowledge_until_the_current_version_is_acknowledged()
    {
        await PublishAsync("First version of our AI usage policy.");
        var sam = await SignInNewAsync("Sam Staff", Roles.Staff);

        var banner = Render<PolicyBanner>();

        var section = banner.WaitForElement("[data-testid=policy-banner]");
        Assert.Contains("Please read and acknowledge version 1", section.TextContent);
        Assert.Contains("First version of our AI usage policy.", section.TextContent);
        Assert.Equal("/policy", section.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Read and acknowledge")).GetAttribute("href"));

        Assert.True((await Core.Acknowledgements.AcknowledgeAsync(sam, 1)).Succeeded);
        await Services.GetRequiredService<PolicyAcknowledgementNotice>().RaiseAsync();

        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=policy-banner]")));
    }

    [Fact]
    public async Task The_acknowledge_button_comes_after_the_policy_text()
    {
        await PublishAsync("First version.");
        await SignInNewAsync("Sam Staff", Roles.Staff);

        var page = Render<PolicyPage>();

        var button = page.WaitForElement("[data-testid=acknowledgement-panel] button");
        Assert.Equal("I have read and acknowledge version 1", button.TextContent.Trim());
        var markup = page.Markup;
        Assert.True(markup.IndexOf("policy-document", StringComparison.Ordinal) < markup.IndexOf("I have read and acknowledge version 1", StringComparison.Ordinal),
            "The button must follow the policy text.");
    }

    [Fact]
    public async Task Acknowledging_records_it_and_says_when_in_the_readers_zone()
    {
        await PublishAsync("First version.");
        await SignInNewAsync("Sam Staff", Roles.Staff);
        var page = Render<PolicyPage>(p => p.AddCascadingValue(Berlin));

        await page.WaitForElement("[data-testid=acknowledgement-panel] button").ClickAsync();

        // The clock stands at 1 Dec 2026 10:00 UTC.
        page.WaitForAssertion(() => Assert.Equal("You acknowledged version 1 on 1 Dec 2026, 11:00 (Europe/Berlin).",
            page.Find("[data-testid=acknowledged]").TextContent.Trim()));
    }

    [Fact]
    public async Task Before_anything_is_published_staff_are_told_what_happens_next_and_compliance_gets_the_editor()
    {
        await SignInNewAsync("Sam Staff", Roles.Staff);
        var staffView = Render<PolicyPage>();
        staffView.WaitForAssertion(() => Assert.Contains("you will be asked to read it here", staffView.Find(".empty-state").TextContent));
        Assert.Empty(staffView.FindAll("a[href='/policy/edit']"));

        await SignInNewAsync("Cora Compliance", Roles.ComplianceOfficer);
        var complianceView = Render<PolicyPage>();
        complianceView.WaitForAssertion(() => Assert.Single(complianceView.FindAll(".empty-state a[href='/policy/edit']")));
    }
}

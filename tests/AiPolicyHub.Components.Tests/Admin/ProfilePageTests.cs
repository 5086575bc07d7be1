using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Pages.Profile;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class ProfilePageTests : SignedInPageTest
{
    private ApiTokens Tokens => Core.Provider.GetRequiredService<ApiTokens>();

    [Fact]
    public async Task Without_tokens_the_page_says_how_to_create_one_instead_of_an_empty_table()
    {
        await SignInAsNewUserAsync("Sam Staff", Roles.Staff);

        var page = Render<ProfilePage>();

        page.WaitForAssertion(() => Assert.Contains("You have no API tokens yet", page.Find("[data-testid=tokens-empty]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=tokens-grid]"));
    }

    [Fact]
    public async Task The_profile_says_two_factor_sign_in_is_off_and_required_for_the_role_and_links_to_its_setup()
    {
        await SignInAsNewUserAsync("Cleo Compliance", Roles.ComplianceOfficer);

        var page = Render<ProfilePage>();

        page.WaitForAssertion(() => Assert.Contains("Off.", page.Find("[data-testid=two-factor-status]").TextContent));
        Assert.Contains("Your role requires it.", page.Find("[data-testid=two-factor-status]").TextContent);
        var link = page.FindAll("a").Single(a => a.TextContent.Trim() == "Set up two-factor sign-in");
        Assert.Equal("/account/two-factor", link.GetAttribute("href"));
    }

    [Fact]
    public async Task The_token_list_shows_each_token_with_its_state_and_offers_revoke_only_while_it_works()
    {
        var sam = await SignInAsNewUserAsync("Sam Staff", Roles.Staff);
        Assert.True((await Tokens.CreateAsync(sam, "Nightly sync", ApiTokens.DefaultDays)).Succeeded);
        var old = (await Tokens.CreateAsync(sam, "Old script", ApiTokens.DefaultDays)).Value!;
        Assert.True((await Tokens.RevokeAsync(sam, old.Token.Id)).Succeeded);

        var page = Render<ProfilePage>();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        var nightly = Rows(page).Single(r => r.TextContent.Contains("Nightly sync"));
        var revoked = Rows(page).Single(r => r.TextContent.Contains("Old script"));
        Assert.Equal("Active", nightly.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Never", nightly.TextContent);
        Assert.NotNull(nightly.QuerySelector("button[aria-label='Revoke Nightly sync']"));
        Assert.Equal("Revoked", revoked.QuerySelector(".badge")!.TextContent);
        Assert.Null(revoked.QuerySelector("button"));
    }

    [Fact]
    public async Task Only_an_administrator_may_list_everyone_s_tokens()
    {
        await SignInAsNewUserAsync("Sam Staff", Roles.Staff);

        var page = Render<ProfilePage>();

        page.WaitForAssertion(() => Assert.Contains("Your profile", page.Find("h1").TextContent));
        Assert.DoesNotContain("Show every user's tokens", page.Markup);
    }

    [Fact]
    public async Task The_email_choice_starts_at_each_notification_and_a_digest_chosen_is_kept()
    {
        var sam = await SignInAsNewUserAsync("Sam Staff", Roles.Staff);
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => Assert.Equal("Each", page.Find("#email-choice-select").GetAttribute("value")));

        page.Find("#email-choice-select").Change("DailyDigest");

        var choices = Core.Provider.GetRequiredService<AiPolicyHub.Core.Email.EmailChoices>();
        await page.WaitForAssertionAsync(async () => Assert.Equal(AiPolicyHub.Core.Email.EmailChoice.DailyDigest, await choices.GetAsync(sam)));
        var again = Render<ProfilePage>();
        again.WaitForAssertion(() => Assert.Equal("DailyDigest", again.Find("#email-choice-select").GetAttribute("value")));
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<ProfilePage> page) =>
        page.FindAll("[data-testid=tokens-grid] tbody tr").ToList();
}

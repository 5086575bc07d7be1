using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Pages.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class UsersPageTests : SignedInPageTest
{
    [Fact]
    public async Task An_administrator_sees_everyone_with_the_actions_for_each()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        await Core.CreateUserAsync("Sam Staff", Roles.Staff);

        var page = Render<Users>();

        page.WaitForAssertion(() => Assert.Contains("sam.staff@example.com", page.Markup));
        Assert.NotNull(Button(page, "Add user"));
        Assert.NotNull(Button(page, "Disable Sam Staff"));
        Assert.NotNull(Button(page, "Reset password of Sam Staff"));
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_gets_the_access_denied_notice_and_no_admin_actions()
    {
        await SignInAsNewUserAsync("Maya Manager", Roles.Manager);
        await Core.CreateUserAsync("Sam Staff", Roles.Staff);

        var page = Render<Users>();

        page.WaitForAssertion(() => Assert.Contains("Access denied", page.Find("h1").TextContent + page.FindAll("h1").Last().TextContent));
        Assert.DoesNotContain("sam.staff@example.com", page.Markup);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Add user" or "Disable" or "Reset password" or "End sessions");
    }

    [Fact]
    public async Task The_server_refuses_an_action_from_someone_whose_administrator_role_was_taken_away_while_the_page_was_open()
    {
        var adminId = AiPolicyHub.Core.Tests.TestServices.UserId(await SignInAsNewUserAsync("Ada Admin", Roles.Administrator));
        await Core.CreateUserAsync("Sam Staff", Roles.Staff);
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.NotNull(Button(page, "End sessions of Sam Staff")));

        // Another administrator demotes Ada; her page still shows the buttons.
        await using (var scope = Core.Provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var ada = (await users.FindByIdAsync(adminId))!;
            await users.RemoveFromRoleAsync(ada, Roles.Administrator);
            await users.AddToRoleAsync(ada, Roles.Staff);
        }
        await Button(page, "End sessions of Sam Staff")!.ClickAsync(new());

        var snackbars = Services.GetRequiredService<ISnackbar>().ShownSnackbars.ToList();
        var refusal = Assert.Single(snackbars);
        Assert.Equal(Severity.Error, refusal.Severity);
        Assert.Contains(UserAdministration.NotAllowed, refusal.Message);
    }

    [Fact]
    public async Task Each_action_button_is_named_after_its_visible_text_so_speech_users_can_say_it()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        await Core.CreateUserAsync("Sam Staff", Roles.Staff);

        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Contains("sam.staff@example.com", page.Markup));

        var named = page.FindAll("button[aria-label]").ToList();
        Assert.NotEmpty(named);
        Assert.All(named, b => Assert.StartsWith(b.TextContent.Trim(), b.GetAttribute("aria-label")!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_nobody_else_yet_the_page_says_to_add_colleagues()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);

        var page = Render<Users>();

        page.WaitForAssertion(() => Assert.Contains("invite your colleagues", page.Find("[data-testid=users-empty]").TextContent));
    }

    [Fact]
    public async Task An_administrator_resets_someones_two_factor_after_confirming_and_only_those_who_have_it_offer_the_reset()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var cleo = await Core.CreateUserAsync("Cleo Compliance", Roles.ComplianceOfficer);
        await Core.CreateUserAsync("Sam Staff", Roles.Staff);
        await using (var scope = Core.Provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(AiPolicyHub.Core.Tests.TestServices.UserId(cleo)))!, true);
        }
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.NotNull(Button(page, "Reset two-factor of Cleo Compliance")));
        Assert.Null(Button(page, "Reset two-factor of Sam Staff"));

        _ = Button(page, "Reset two-factor of Cleo Compliance")!.ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Reset the two-factor sign-in of Cleo Compliance?", dialogs.Markup));
        Assert.True((await Core.Provider.GetRequiredService<TwoFactorAuthentication>().StatusAsync(cleo)).Value!.Enabled); // not before the answer
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Reset two-factor").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Null(Button(page, "Reset two-factor of Cleo Compliance")));
        Assert.False((await Core.Provider.GetRequiredService<TwoFactorAuthentication>().StatusAsync(cleo)).Value!.Enabled);
    }

    private static AngleSharp.Dom.IElement? Button(IRenderedComponent<Users> page, string name) =>
        page.FindAll("button").FirstOrDefault(b => (b.GetAttribute("aria-label") ?? b.TextContent.Trim()) == name);
}

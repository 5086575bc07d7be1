using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Preferences;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Preferences;

public class UserPreferencesTests
{
    [Fact]
    public async Task A_choice_is_kept_per_person_and_removed_when_set_to_nothing()
    {
        await using var test = await new TestServices().InitializeAsync();
        var preferences = test.Provider.GetRequiredService<UserPreferences>();
        var ada = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);

        Assert.True((await preferences.SetAsync(ada, "workflows.columns", "status,owner")).Succeeded);
        Assert.True((await preferences.SetAsync(ada, "workflows.columns", "status")).Succeeded);

        Assert.Equal("status", await preferences.GetAsync(ada, "workflows.columns"));
        Assert.Null(await preferences.GetAsync(sam, "workflows.columns"));
        await preferences.SetAsync(ada, "workflows.columns", null);
        Assert.Null(await preferences.GetAsync(ada, "workflows.columns"));
    }

    [Fact]
    public async Task A_saved_view_is_a_name_and_a_query_string_replaced_by_name_and_private_to_its_owner()
    {
        await using var test = await new TestServices().InitializeAsync();
        var preferences = test.Provider.GetRequiredService<UserPreferences>();
        var ada = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var maya = await test.CreateUserAsync("Maya Manager", Roles.Manager);

        var first = await preferences.SaveViewAsync(ada, "workflows", "Drafts", "?status=Draft");
        var replaced = await preferences.SaveViewAsync(ada, "workflows", "  drafts ", "status=Draft&sort=RiskScore&desc=true");
        await preferences.SaveViewAsync(ada, "workflows", "Audit prep", "overdue=true");

        Assert.True(first.Succeeded);
        Assert.Equal(first.Value!.Id, replaced.Value!.Id);
        var views = await preferences.ViewsAsync(ada, "workflows");
        Assert.Equal(["Audit prep", "drafts"], views.Select(v => v.Name));
        Assert.Equal("status=Draft&sort=RiskScore&desc=true", views[1].Query);
        Assert.Empty(await preferences.ViewsAsync(maya, "workflows"));
        Assert.False((await preferences.DeleteViewAsync(maya, first.Value.Id)).Succeeded);
        Assert.True((await preferences.DeleteViewAsync(ada, first.Value.Id)).Succeeded);
        Assert.Single(await preferences.ViewsAsync(ada, "workflows"));
    }

    [Fact]
    public async Task A_view_needs_a_name_and_a_signed_out_person_keeps_nothing()
    {
        await using var test = await new TestServices().InitializeAsync();
        var preferences = test.Provider.GetRequiredService<UserPreferences>();
        var ada = await test.CreateUserAsync("Ada Admin", Roles.Administrator);

        Assert.Equal(["Enter a name for the view."], (await preferences.SaveViewAsync(ada, "workflows", "  ", "q=x")).Errors);
        Assert.False((await preferences.SaveViewAsync(new System.Security.Claims.ClaimsPrincipal(), "workflows", "Mine", "q=x")).Succeeded);
        Assert.Equal([UserPreferences.SignedOut], (await preferences.SetAsync(new System.Security.Claims.ClaimsPrincipal(), "k", "v")).Errors);
    }
}

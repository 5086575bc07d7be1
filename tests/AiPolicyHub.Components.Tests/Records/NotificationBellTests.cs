using Microsoft.AspNetCore.Components.Web;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Layout;

namespace AiPolicyHub.Components.Tests.Records;

public sealed class NotificationBellTests : RecordsTest
{
    private async Task NotifyAsync(System.Security.Claims.ClaimsPrincipal user, params string[] titles)
    {
        await using var db = await Core.DbAsync();
        foreach (var title in titles)
        {
            NotificationCenter.Add(db, Core.Clock, [TestServices.UserId(user)], NotificationKind.Paused, title, "/workflows/1");
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_bell_names_the_unread_count_and_shows_it_on_the_badge()
    {
        var maya = await SignInNewAsync("Maya Manager", Roles.Manager);
        await NotifyAsync(maya, "“Support reply drafts” is paused: do not use it", "“Chatty” is paused");

        var bell = Render<NotificationBell>();

        var button = bell.Find("button.bell-button");
        Assert.Equal("Notifications, 2 unread", button.GetAttribute("aria-label"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("2", bell.Find("[data-testid=unread-count]").TextContent);
    }

    [Fact]
    public async Task Opening_the_bell_lists_the_notifications_in_the_readers_zone_and_mark_all_read_clears_the_count()
    {
        var maya = await SignInNewAsync("Maya Manager", Roles.Manager);
        await NotifyAsync(maya, "“Support reply drafts” is paused: do not use it");
        var bell = Render<NotificationBell>(p => p.AddCascadingValue(Berlin));
        Assert.Empty(bell.FindAll("[role=region][aria-label=Notifications]"));

        await bell.Find("button.bell-button").ClickAsync();

        bell.WaitForAssertion(() => Assert.Contains("“Support reply drafts” is paused: do not use it", bell.Find("[role=region][aria-label=Notifications]").TextContent));
        // The clock stands at 1 Dec 2026 10:00 UTC.
        Assert.Contains("1 Dec 2026, 11:00 (Europe/Berlin)", bell.Markup);
        Assert.Equal("true", bell.Find("button.bell-button").GetAttribute("aria-expanded"));
        Assert.Equal("notification-list", bell.Find("button.bell-button").GetAttribute("aria-controls"));

        await bell.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all read").ClickAsync();

        bell.WaitForAssertion(() => Assert.Equal("Notifications, 0 unread", bell.Find("button.bell-button").GetAttribute("aria-label")));
        Assert.Empty(bell.FindAll("[data-testid=unread-count]"));
        Assert.Equal(0, await Core.Notifications.UnreadCountAsync(maya));
    }

    [Fact]
    public async Task One_notification_is_marked_read_by_its_own_button_and_the_others_stay_unread()
    {
        var maya = await SignInNewAsync("Maya Manager", Roles.Manager);
        await NotifyAsync(maya, "First pause", "Second pause");
        var bell = Render<NotificationBell>();
        await bell.Find("button.bell-button").ClickAsync();

        await bell.WaitForElement("button[aria-label='Mark read: First pause']").ClickAsync();

        bell.WaitForAssertion(() => Assert.Equal("Notifications, 1 unread", bell.Find("button.bell-button").GetAttribute("aria-label")));
        Assert.Empty(bell.FindAll("button[aria-label='Mark read: First pause']"));
        Assert.Single(bell.FindAll("button[aria-label='Mark read: Second pause']"));
    }

    [Fact]
    public async Task Escape_or_a_click_beside_the_panel_closes_it()
    {
        var maya = await SignInNewAsync("Maya Manager", Roles.Manager);
        await NotifyAsync(maya, "First pause");
        var bell = Render<NotificationBell>();

        await bell.Find("button.bell-button").ClickAsync();
        await bell.WaitForElement("[role=region][aria-label=Notifications]").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[role=region][aria-label=Notifications]")));
        Assert.Equal("false", bell.Find("button.bell-button").GetAttribute("aria-expanded"));
        Assert.Null(bell.Find("button.bell-button").GetAttribute("aria-controls"));

        // Escape also works when the focus has gone back to the bell itself.
        await bell.Find("button.bell-button").ClickAsync();
        bell.WaitForElement("[role=region][aria-label=Notifications]");
        await bell.Find("button.bell-button").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[role=region][aria-label=Notifications]")));

        await bell.Find("button.bell-button").ClickAsync();
        await bell.WaitForElement(".bell-backdrop").ClickAsync();

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[role=region][aria-label=Notifications]")));
        Assert.Equal(1, await Core.Notifications.UnreadCountAsync(maya));
    }
}

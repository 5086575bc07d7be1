using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.Shared;

public sealed class UserTimeTests
{
    private static readonly UserTime Berlin = UserTime.FromCookie("Europe%2FBerlin");

    [Fact]
    public void A_stored_instant_is_shown_in_the_browsers_zone_with_the_zone_named()
    {
        var instant = new DateTimeOffset(2026, 12, 3, 14, 5, 0, TimeSpan.Zero);

        Assert.Equal("3 Dec 2026, 15:05 (Europe/Berlin)", Berlin.Show(instant));
    }

    [Fact]
    public void A_time_typed_in_summer_is_stored_with_that_days_offset()
    {
        var stored = Berlin.FromInput("2026-07-01T09:30");

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 30, 0, TimeSpan.Zero), stored!.Value.ToUniversalTime());
        Assert.Equal("2026-07-01T09:30", Berlin.ToInput(stored.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void An_unknown_zone_falls_back_to_UTC_and_says_so(string? cookie)
    {
        var time = UserTime.FromCookie(cookie);

        Assert.Equal("UTC", time.ZoneName);
        Assert.Equal("3 Dec 2026, 14:05 (UTC)", time.Show(new DateTimeOffset(2026, 12, 3, 14, 5, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Text_that_is_not_a_time_is_refused()
    {
        Assert.Null(Berlin.FromInput("next Tuesday"));
    }
}

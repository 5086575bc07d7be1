using AiPolicyHub.Core.Email;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using static AiPolicyHub.Core.Tests.Email.EmailDeliveryTests;

namespace AiPolicyHub.Core.Tests.Email;

/// <summary>People who chose a digest get one email a day, at the administrator's hour, with the day's notifications.</summary>
public sealed class EmailDigestTests
{
    [Fact]
    public async Task A_digest_gathers_a_days_notifications_into_one_email_sent_once_at_the_chosen_hour()
    {
        // The clock starts on 1 December at 10:00 UTC; digests go at 08:00 UTC.
        await using var s = await EmailScenario.CreateAsync(digestHour: 8);
        Assert.True((await s.Choices.SetAsync(s.People.Sue, EmailChoice.DailyDigest)).Succeeded);
        await NotifyAsync(s, "Sue Staff", "“Summaries” is paused: do not use it", "/workflows/7", NotificationKind.Paused);
        await s.RunJobAsync();
        s.Clock.Now = s.Clock.Now.AddHours(4);
        await NotifyAsync(s, "Sue Staff", "Version 2 of the AI policy is published: read and acknowledge it", "/policy", NotificationKind.PolicyVersion);
        await s.RunJobAsync();
        s.Clock.Now = new DateTimeOffset(2026, 12, 2, 7, 59, 0, TimeSpan.Zero);
        await s.RunJobAsync();
        Assert.Empty(s.ReceivedBy("Sue Staff")); // nothing before the hour

        s.Clock.Now = new DateTimeOffset(2026, 12, 2, 8, 0, 30, TimeSpan.Zero);
        await NotifyAsync(s, "Sue Staff", "“Letters” is restarted and may be used again", "/workflows/9", NotificationKind.Restarted);
        await s.RunJobAsync();
        s.Clock.Now = s.Clock.Now.AddMinutes(5);
        await s.RunJobAsync();

        var digest = Assert.Single(s.ReceivedBy("Sue Staff"));
        Assert.Equal("[AiPolicyHub] Your daily digest: 2 notifications", digest.Subject);
        var body = digest.TextBody!;
        Assert.Contains("1 Dec 10:00 UTC · Paused: “Summaries” is paused: do not use it", body);
        Assert.Contains("https://hub.example.org/workflows/7", body);
        Assert.Contains("1 Dec 14:00 UTC · New policy version: Version 2 of the AI policy is published: read and acknowledge it", body);
        Assert.Contains("https://hub.example.org/policy", body);
        Assert.True(body.IndexOf("Summaries", StringComparison.Ordinal) < body.IndexOf("Version 2", StringComparison.Ordinal));
        // What came after the hour waits for the next day's digest.
        Assert.DoesNotContain("Letters", body);

        s.Clock.Now = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        await s.RunJobAsync();
        var next = s.ReceivedBy("Sue Staff")[1];
        Assert.Equal("[AiPolicyHub] Your daily digest: 1 notification", next.Subject);
        Assert.Contains("“Letters” is restarted", next.TextBody);
        Assert.Equal(2, s.ReceivedBy("Sue Staff").Count);
    }

    [Fact]
    public async Task Each_person_who_chose_a_digest_gets_their_own_and_those_who_want_each_one_get_no_digest()
    {
        await using var s = await EmailScenario.CreateAsync(digestHour: 8);
        Assert.True((await s.Choices.SetAsync(s.People.Sue, EmailChoice.DailyDigest)).Succeeded);
        Assert.True((await s.Choices.SetAsync(s.People.Maya, EmailChoice.DailyDigest)).Succeeded);
        await NotifyAsync(s, "Sue Staff", "For Sue", "/policy");
        await NotifyAsync(s, "Maya Manager", "For Maya", "/policy");
        await NotifyAsync(s, "Colin Compliance", "For Colin", "/policy");
        await s.RunJobAsync();

        s.Clock.Now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        await s.RunJobAsync();

        Assert.Contains("For Sue", Assert.Single(s.ReceivedBy("Sue Staff")).TextBody);
        Assert.DoesNotContain("For Maya", s.ReceivedBy("Sue Staff")[0].TextBody);
        Assert.Contains("For Maya", Assert.Single(s.ReceivedBy("Maya Manager")).TextBody);
        Assert.Equal("[AiPolicyHub] Awaiting your approval: For Colin", Assert.Single(s.ReceivedBy("Colin Compliance")).Subject);
    }

    [Fact]
    public async Task Someone_who_switched_to_no_emails_before_the_hour_gets_no_digest()
    {
        await using var s = await EmailScenario.CreateAsync(digestHour: 8);
        Assert.True((await s.Choices.SetAsync(s.People.Sue, EmailChoice.DailyDigest)).Succeeded);
        await NotifyAsync(s, "Sue Staff", "For Sue", "/policy");
        await s.RunJobAsync();
        Assert.True((await s.Choices.SetAsync(s.People.Sue, EmailChoice.None)).Succeeded);

        s.Clock.Now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        await s.RunJobAsync();

        Assert.Empty(s.ReceivedBy("Sue Staff"));
        await using var db = await s.Test.DbAsync();
        Assert.Equal(NotificationEmail.NotMailed, (await db.Notifications.SingleAsync(n => n.Title == "For Sue")).Email);
    }

    [Theory]
    [InlineData("2026-12-02T08:00:00", 8, "2026-12-02T08:00:00")]
    [InlineData("2026-12-02T07:59:59", 8, "2026-12-01T08:00:00")]
    [InlineData("2026-12-02T23:30:00", 0, "2026-12-02T00:00:00")]
    public void The_digest_due_is_the_latest_hour_reached(string now, int hour, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            EmailDigests.LatestCutoff(DateTime.SpecifyKind(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), hour));
}

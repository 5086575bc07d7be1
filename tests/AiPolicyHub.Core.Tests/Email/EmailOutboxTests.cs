using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer.Protocol;

namespace AiPolicyHub.Core.Tests.Email;

/// <summary>The outbox: each message sent once across instances, retried with longer waits, given up visibly.</summary>
public sealed class EmailOutboxTests
{
    [Fact]
    public async Task Two_instances_sending_from_one_database_at_once_deliver_each_message_exactly_once()
    {
        await using var s = await EmailScenario.CreateAsync();
        const int count = 40;
        await QueueAsync(s, count);
        // A second instance: its own services (contexts, clock, sender) over the same database.
        await using var other = EmailScenario.SecondInstance(s.Test);
        var senders = new[] { s.Outbox, other.GetRequiredService<EmailOutbox>() };
        Assert.NotEqual(senders[0].SenderName, senders[1].SenderName);

        using var start = new Barrier(senders.Length);
        var outcomes = await Task.WhenAll(senders.Select(sender => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await sender.SendDueAsync();
        })));

        var subjects = s.Smtp.Received.Select(m => m.Subject).ToList();
        Assert.Equal(count, subjects.Count);
        Assert.Equal(count, subjects.Distinct().Count());
        Assert.Equal(count, outcomes.Sum(o => o.Sent));
        await using var db = await s.Test.DbAsync();
        Assert.All(await db.OutgoingEmails.ToListAsync(), e =>
        {
            Assert.Equal(OutgoingEmailStatus.Sent, e.Status);
            Assert.Equal(1, e.Attempts);
        });
        // Run again, both: nothing is due, nothing more arrives.
        await Task.WhenAll(senders.Select(sender => sender.SendDueAsync()));
        Assert.Equal(count, s.Smtp.Received.Count);
    }

    [Fact]
    public async Task A_message_the_server_refuses_once_waits_a_minute_and_is_then_sent()
    {
        await using var s = await EmailScenario.CreateAsync();
        await QueueAsync(s, 1);
        s.Smtp.Refuse(1, SmtpReplyCode.MailboxUnavailable, "Mailbox busy, try again later");

        var first = await s.Outbox.SendDueAsync();

        Assert.Equal(new SendingOutcome(0, 1, 0), first);
        var waiting = await SingleAsync(s);
        Assert.Equal(OutgoingEmailStatus.Queued, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("Mailbox busy, try again later", waiting.LastError);
        Assert.Equal(s.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), waiting.NextAttemptAt);

        Assert.Equal(new SendingOutcome(0, 0, 0), await s.Outbox.SendDueAsync()); // not yet due
        s.Clock.Now = s.Clock.Now.AddMinutes(1);
        Assert.Equal(new SendingOutcome(1, 0, 0), await s.Outbox.SendDueAsync());

        Assert.Equal("Message 1", Assert.Single(s.Smtp.Received).Subject);
        var sent = await SingleAsync(s);
        Assert.Equal(OutgoingEmailStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(s.Clock.GetUtcNow().UtcDateTime, sent.SentAt);
    }

    [Fact]
    public async Task After_five_refusals_with_growing_waits_a_message_is_failed_and_the_administrator_sees_it_and_sends_it_again()
    {
        await using var s = await EmailScenario.CreateAsync();
        await QueueAsync(s, 1);
        s.Smtp.Refuse(5, SmtpReplyCode.TransactionFailed, "5.7.1 Relay access denied");
        var waits = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await s.Outbox.SendDueAsync();
            var message = await SingleAsync(s);
            if (message.Status == OutgoingEmailStatus.Queued)
            {
                waits.Add(message.NextAttemptAt - s.Clock.GetUtcNow().UtcDateTime);
                s.Clock.Now = message.NextAttemptAt;
            }
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(125)], waits);
        var failed = await SingleAsync(s);
        Assert.Equal(OutgoingEmailStatus.Failed, failed.Status);
        Assert.Equal(5, failed.Attempts);
        s.Clock.Now = s.Clock.Now.AddDays(1);
        Assert.Equal(new SendingOutcome(0, 0, 0), await s.Outbox.SendDueAsync()); // failed stays failed

        var overview = (await s.Outbox.OverviewAsync(s.Ada)).Value!;
        Assert.Equal(1, overview.Counts[OutgoingEmailStatus.Failed]);
        var shown = Assert.Single(overview.Latest);
        Assert.Equal("The SMTP server answered 554: 5.7.1 Relay access denied", shown.LastError);
        Assert.False((await s.Outbox.OverviewAsync(s.People.Cora)).Succeeded);
        Assert.False((await s.Outbox.SendAgainAsync(s.People.Cora, failed.Id)).Succeeded);

        Assert.True((await s.Outbox.SendAgainAsync(s.Ada, failed.Id)).Succeeded);
        Assert.Equal(new SendingOutcome(1, 0, 0), await s.Outbox.SendDueAsync());
        Assert.Single(s.Smtp.Received);
        await using var db = await s.Test.DbAsync();
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.EntityType == EmailOutbox.EntityType && e.EntityId == failed.Id.ToString()
            && e.Action == AuditAction.Changed);
    }

    [Fact]
    public async Task When_the_server_cannot_be_reached_one_attempt_is_counted_and_the_rest_wait_unclaimed()
    {
        await using var s = await EmailScenario.CreateAsync();
        var form = s.Form();
        form.Port = TestSmtpServer.FreePort();
        Assert.True((await s.Settings.SaveAsync(s.Ada, form)).Succeeded);
        await QueueAsync(s, 3);

        var outcome = await s.Outbox.SendDueAsync();

        Assert.Equal(new SendingOutcome(0, 1, 0), outcome);
        await using var db = await s.Test.DbAsync();
        var messages = await db.OutgoingEmails.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([1, 0, 0], messages.Select(m => m.Attempts));
        Assert.StartsWith($"Could not connect to 127.0.0.1:{form.Port}", messages[0].LastError);
        Assert.All(messages, m => Assert.Equal(OutgoingEmailStatus.Queued, m.Status));
    }

    [Fact]
    public async Task A_message_left_claimed_by_a_sender_that_went_away_is_sent_by_another_once_the_claim_runs_out()
    {
        await using var s = await EmailScenario.CreateAsync();
        await QueueAsync(s, 1);
        await using (var db = await s.Test.DbAsync())
        {
            var until = s.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
            await db.OutgoingEmails.ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, OutgoingEmailStatus.Sending)
                .SetProperty(e => e.ClaimedBy, "gone/123456").SetProperty(e => e.ClaimedUntil, until).SetProperty(e => e.Attempts, 1));
        }

        Assert.Equal(new SendingOutcome(0, 0, 0), await s.Outbox.SendDueAsync());
        s.Clock.Now = s.Clock.Now.AddMinutes(10);
        Assert.Equal(new SendingOutcome(1, 0, 0), await s.Outbox.SendDueAsync());

        Assert.Single(s.Smtp.Received);
    }

    private static async Task QueueAsync(EmailScenario s, int count)
    {
        await using var db = await s.Test.DbAsync();
        for (var i = 1; i <= count; i++)
        {
            EmailOutbox.Queue(db, s.Clock.GetUtcNow().UtcDateTime, $"person{i}@example.com", $"Message {i}", $"Body {i}");
        }
        await db.SaveChangesAsync();
    }

    private static async Task<OutgoingEmail> SingleAsync(EmailScenario s)
    {
        await using var db = await s.Test.DbAsync();
        return await db.OutgoingEmails.AsNoTracking().SingleAsync();
    }
}

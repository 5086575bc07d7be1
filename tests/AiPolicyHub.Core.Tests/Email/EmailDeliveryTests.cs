using AiPolicyHub.Core.Email;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Email;

/// <summary>Notifications reach people by email, through a real SMTP server, as each of them chose.</summary>
public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task A_paused_workflow_is_emailed_to_the_people_concerned_who_want_emails_with_an_absolute_link_to_it()
    {
        await using var s = await EmailScenario.CreateAsync();
        var tool = await s.People.ToolAsync("Chatty", t => t.OwnerId = TestServices.UserId(s.People.Colin));
        var workflow = await s.People.WorkflowAsync("Summaries", tool);
        await using (var db = await s.Test.DbAsync())
        {
            await db.Workflows.Where(w => w.Id == workflow).ExecuteUpdateAsync(u => u.SetProperty(w => w.OwnerId, TestServices.UserId(s.People.Sue)));
        }
        Assert.True((await s.Choices.SetAsync(s.People.Colin, EmailChoice.None)).Succeeded);
        await s.RunJobAsync(); // whatever setting up the scenario notified goes first
        var before = s.Smtp.Received.Count;

        var paused = await s.Test.Pauses.PauseWorkflowAsync(s.People.Cora, workflow, "Wrong totals in the summaries.");
        await s.RunJobAsync();

        Assert.Equal(SaveStatus.Saved, paused.Status);
        var pauseEmails = s.Smtp.Received.Skip(before).ToList();
        // The owner (Sue) and the department's manager (Maya); not the tool's owner (Colin chose no emails), nor Cora who paused it.
        Assert.Equal([EmailScenario.AddressOf("Maya Manager"), EmailScenario.AddressOf("Sue Staff")],
            pauseEmails.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order());
        foreach (var email in pauseEmails)
        {
            Assert.Equal("[AiPolicyHub] Paused: “Summaries” is paused: do not use it", email.Subject);
            Assert.Equal(EmailScenario.From, Assert.Single(email.From.Mailboxes).Address);
            Assert.Contains("“Summaries” is paused: do not use it", email.TextBody);
            Assert.Contains($"Open it in AiPolicyHub: https://hub.example.org/workflows/{workflow}", email.TextBody);
        }
        // Colin still has it in his bell.
        Assert.Contains(await s.Test.Notifications.LatestAsync(s.People.Colin), n => n.Kind == NotificationKind.Paused);
    }

    [Fact]
    public async Task Each_notification_is_emailed_once_however_often_the_job_runs()
    {
        await using var s = await EmailScenario.CreateAsync();
        await NotifyAsync(s, "Sue Staff", "“Summaries” awaits your approval", "/workflows/7");

        await s.RunJobAsync();
        await s.RunJobAsync();
        s.Clock.Now = s.Clock.Now.AddHours(1);
        await s.RunJobAsync();

        var email = Assert.Single(s.ReceivedBy("Sue Staff"));
        Assert.Equal("[AiPolicyHub] Awaiting your approval: “Summaries” awaits your approval", email.Subject);
    }

    [Fact]
    public async Task Two_instances_routing_at_once_turn_each_notification_into_exactly_one_email()
    {
        await using var s = await EmailScenario.CreateAsync();
        for (var i = 1; i <= 30; i++)
        {
            await NotifyAsync(s, i % 2 == 0 ? "Sue Staff" : "Maya Manager", $"Notice {i}", $"/workflows/{i}");
        }
        await using var other = EmailScenario.SecondInstance(s.Test);
        var routers = new[] { s.Test.Provider.GetRequiredService<EmailRouting>(), other.GetRequiredService<EmailRouting>() };

        using var start = new Barrier(routers.Length);
        var outcomes = await Task.WhenAll(routers.Select(router => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await router.RouteAsync();
        })));
        await s.RunJobAsync(); // whatever a router left (it leaves a batch it lost a part of) and the sending

        await using var db = await s.Test.DbAsync();
        Assert.Equal(30, await db.OutgoingEmails.CountAsync());
        Assert.Equal(30, s.Smtp.Received.Select(m => m.Subject).Distinct().Count());
        Assert.Equal(30, s.Smtp.Received.Count);
        Assert.True(outcomes.Sum(o => o.Queued) <= 30);
    }

    [Fact]
    public async Task Without_a_public_address_an_email_carries_no_link_and_says_to_sign_in()
    {
        await using var s = await EmailScenario.CreateAsync(publicAddress: "");
        await NotifyAsync(s, "Sue Staff", "“Summaries” is paused: do not use it", "/workflows/7");

        await s.RunJobAsync();

        var body = Assert.Single(s.ReceivedBy("Sue Staff")).TextBody;
        Assert.Contains("Sign in to AiPolicyHub to see it.", body);
        Assert.DoesNotContain("http", body);
        Assert.DoesNotContain("/workflows/7", body);
    }

    [Fact]
    public async Task While_email_is_not_set_up_nothing_is_queued_and_setting_it_up_later_does_not_send_the_old_notifications()
    {
        await using var s = await EmailScenario.CreateAsync(configure: false);
        await NotifyAsync(s, "Sue Staff", "Old news", "/policy");

        await s.RunJobAsync();
        Assert.True((await s.Settings.SaveAsync(s.Ada, s.Form())).Succeeded);
        await s.RunJobAsync();

        Assert.Empty(s.Smtp.Received);
        await using var db = await s.Test.DbAsync();
        Assert.Empty(await db.OutgoingEmails.ToListAsync());
        Assert.Equal(NotificationEmail.NotMailed, (await db.Notifications.SingleAsync(n => n.Title == "Old news")).Email);
    }

    [Fact]
    public async Task A_disabled_account_gets_no_email()
    {
        await using var s = await EmailScenario.CreateAsync();
        await using (var db = await s.Test.DbAsync())
        {
            await db.Users.Where(u => u.Id == TestServices.UserId(s.People.Sue)).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }
        await NotifyAsync(s, "Sue Staff", "“Summaries” is paused: do not use it", "/workflows/7");

        await s.RunJobAsync();

        Assert.Empty(s.ReceivedBy("Sue Staff"));
    }

    /// <summary>Adds a notification as a use case does, in its own save.</summary>
    internal static async Task NotifyAsync(EmailScenario s, string displayName, string title, string link,
        NotificationKind kind = NotificationKind.AwaitingApproval)
    {
        await using var db = await s.Test.DbAsync();
        var userId = await db.Users.Where(u => u.DisplayName == displayName).Select(u => u.Id).SingleAsync();
        NotificationCenter.Add(db, s.Clock, [userId], kind, title, link);
        await db.SaveChangesAsync();
    }
}

using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Obligations;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class SeriousIncidentsTests
{
    private static async Task<(ObligationScenario S, int Incident)> IncidentAsync(TestClock clock, TestServices test)
    {
        var s = await ObligationScenario.StartAsync(test, clock);
        var workflow = await s.AddWorkflowAsync();
        var reported = await test.Incidents.ReportAsync(s.Staff, new IncidentReport
        {
            WorkflowId = workflow, Title = "Applicant wrongly refused", WhatHappened = "The score refused an applicant on a wrong income figure.",
            OccurredAt = clock.Now.UtcDateTime.AddDays(-1), Severity = IncidentSeverity.High,
        });
        Assert.Equal(SaveStatus.Saved, reported.Status);
        return (s, reported.Id);
    }

    [Fact]
    public async Task Classifying_a_serious_incident_starts_its_clock_and_those_who_triage_it_are_told_the_deadline()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var (s, id) = await IncidentAsync(clock, test);
        var version = (await s.Serious.ViewAsync(s.Officer, id))!.Version;

        Assert.Equal(SaveStatus.Forbidden, (await s.Serious.ClassifyAsync(s.Staff, id, SeriousIncidentKind.Death, new DateOnly(2026, 12, 1), version)).Status);
        var missingDay = await s.Serious.ClassifyAsync(s.Officer, id, SeriousIncidentKind.Death, null, version);
        Assert.Contains("became aware", Assert.Single(missingDay.Errors!.All));
        Assert.Equal(SaveStatus.Saved, (await s.Serious.ClassifyAsync(s.Manager, id, SeriousIncidentKind.Death, new DateOnly(2026, 11, 30), version)).Status);

        var view = (await s.Serious.ViewAsync(s.Officer, id))!;
        Assert.Equal((new DateOnly(2026, 12, 10), 9, false), (view.Clock!.Deadline, view.Clock.DaysLeft, view.Clock.Overdue));
        await using var db = await test.DbAsync();
        var told = await db.Notifications.Where(n => n.Kind == NotificationKind.SeriousIncidentDeadline).Select(n => n.Title).ToListAsync();
        Assert.NotEmpty(told);
        Assert.All(told, t => Assert.Contains("Due in 9 days (by 10 December 2026)", t));
    }

    [Fact]
    public async Task Reminders_come_three_days_ahead_and_when_overdue_once_each_and_stop_when_the_authority_is_notified()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var (s, id) = await IncidentAsync(clock, test);
        var version = (await s.Serious.ViewAsync(s.Officer, id))!.Version;
        await s.Serious.ClassifyAsync(s.Officer, id, SeriousIncidentKind.General, new DateOnly(2026, 12, 1), version); // due 16 December

        Assert.Equal(0, await s.Serious.RemindAsync());
        clock.Now = new DateTimeOffset(2026, 12, 12, 9, 0, 0, TimeSpan.Zero); // 4 days left
        Assert.Equal(0, await s.Serious.RemindAsync());
        clock.AddDays(1); // 3 days left
        var dueSoon = await s.Serious.RemindAsync();
        Assert.True(dueSoon > 0);
        Assert.Equal(0, await s.Serious.RemindAsync());
        clock.Now = new DateTimeOffset(2026, 12, 17, 0, 30, 0, TimeSpan.Zero); // the day after the deadline
        Assert.Equal(dueSoon, await s.Serious.RemindAsync());
        Assert.Equal(0, await s.Serious.RemindAsync());
        await using (var db = await test.DbAsync())
        {
            Assert.Contains(await db.Notifications.Select(n => n.Title).ToListAsync(), t => t.Contains("Overdue by 1 day (was due 16 December 2026)"));
        }

        version = (await s.Serious.ViewAsync(s.Officer, id))!.Version;
        var notice = new NoticeForm(NoticeRecipient.MarketSurveillanceAuthority, "Autoriteit Persoonsgegevens", new DateOnly(2026, 12, 17), "AP-2026-0042");
        Assert.Equal(SaveStatus.Saved, (await s.Serious.RecordNoticeAsync(s.Officer, id, notice, version)).Status);
        clock.AddDays(5);
        Assert.Equal(0, await s.Serious.RemindAsync());
        var view = (await s.Serious.ViewAsync(s.Officer, id))!;
        Assert.True(view.Clock!.Reported);
        Assert.False(view.Clock.Overdue);
    }

    [Fact]
    public async Task The_notices_log_keeps_each_notice_with_recipient_date_and_reference_and_refuses_an_incomplete_one()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var (s, id) = await IncidentAsync(clock, test);
        var version = (await s.Serious.ViewAsync(s.Officer, id))!.Version;

        var notSerious = await s.Serious.RecordNoticeAsync(s.Officer, id, new NoticeForm(NoticeRecipient.Provider, "Acme", new DateOnly(2026, 12, 1), ""), version);
        Assert.Equal("Classify it as a serious incident first.", Assert.Single(notSerious.Errors!.All));

        await s.Serious.ClassifyAsync(s.Officer, id, SeriousIncidentKind.WidespreadOrCriticalInfrastructure, new DateOnly(2026, 12, 1), version);
        version = (await s.Serious.ViewAsync(s.Officer, id))!.Version;
        var incomplete = await s.Serious.RecordNoticeAsync(s.Officer, id, new NoticeForm(NoticeRecipient.Provider, "", null, ""), version);
        Assert.Equal(2, incomplete.Errors!.All.Count());
        Assert.Equal(SaveStatus.Saved, (await s.Serious.RecordNoticeAsync(s.Manager, id,
            new NoticeForm(NoticeRecipient.Provider, "Acme Scoring BV", new DateOnly(2026, 12, 1), "ticket 7781"), version)).Status);
        Assert.Equal(SaveStatus.Conflict, (await s.Serious.RecordNoticeAsync(s.Officer, id,
            new NoticeForm(NoticeRecipient.Provider, "Acme Scoring BV", new DateOnly(2026, 12, 1), "again"), version)).Status);

        var logged = Assert.Single((await s.Serious.ViewAsync(s.Officer, id))!.Notices);
        Assert.Equal((NoticeRecipient.Provider, "Acme Scoring BV", new DateOnly(2026, 12, 1), "ticket 7781", "Max Manager"),
            (logged.Recipient, logged.RecipientName, logged.SentOn, logged.Reference, logged.RecordedByName));
        Assert.Contains(await test.Incidents.HistoryAsync(id), e => e.ChangesJson.Contains("Acme Scoring BV"));
    }
}

using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Incidents;

public sealed class RiskTriggerTests
{
    private static IncidentReport Report(int workflowId, IncidentSeverity severity) => new()
    {
        // Two hours before the default test clock; the test that moves its clock forward only needs it in the past.
        WorkflowId = workflowId, Title = "Wrong refund amount", WhatHappened = "A reply promised a customer a refund we do not offer.",
        OccurredAt = TestClock.Start.UtcDateTime.AddHours(-2), Severity = severity, Category = IncidentCategory.WrongOutputReachedCustomer,
    };

    [Fact]
    public async Task A_critical_incident_pauses_its_workflow_in_the_same_save_and_the_pause_names_the_trigger_and_the_incident()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));

        var reported = await s.Test.Incidents.ReportAsync(s.Sue, Report(workflow, IncidentSeverity.Critical));

        Assert.Equal(SaveStatus.Saved, reported.Status);
        Assert.Contains("“A critical incident” paused “Reply drafts”", reported.Message);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(workflow));
        var pause = await s.ActivePauseAsync(s.Cora, workflow);
        Assert.Equal(("A critical incident", reported.Id, "Sue Staff"), (pause.TriggerTitle, pause.IncidentId, pause.PausedBy));
        var paused = (await s.Test.Workflows.HistoryAsync(workflow))[0];
        Assert.Equal(AuditAction.Paused, paused.Action);
        Assert.Contains(AuditTrail.ChangesOf(paused), c => c.Field == "Risk trigger" && c.After == "A critical incident");
        Assert.Equal(AuditAction.Reported, Assert.Single(await s.Test.Incidents.HistoryAsync(reported.Id)).Action);
    }

    [Fact]
    public async Task Triage_that_raises_the_severity_to_critical_fires_the_trigger_once_however_often_it_is_saved()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));
        var reported = await s.Test.Incidents.ReportAsync(s.Sue, Report(workflow, IncidentSeverity.Medium));
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(workflow));

        var triaged = await s.Test.Incidents.TriageAsync(s.Cora, reported.Id, new IncidentTriage
        {
            Status = IncidentStatus.Investigating, Severity = IncidentSeverity.Critical, Version = reported.Version,
        });
        var again = await s.Test.Incidents.TriageAsync(s.Cora, reported.Id, new IncidentTriage
        {
            Status = IncidentStatus.Investigating, Severity = IncidentSeverity.Critical, RootCause = "The refund policy article was outdated.",
            Version = triaged.Version,
        });

        Assert.Equal(SaveStatus.Saved, again.Status);
        Assert.Null(again.Message);
        Assert.Equal("Cora Compliance", (await s.ActivePauseAsync(s.Cora, workflow)).PausedBy);
        await using var db = await s.Test.DbAsync();
        Assert.Equal(1, await db.Pauses.CountAsync());
    }

    [Fact]
    public async Task A_high_incident_pauses_only_a_high_risk_workflow_and_a_trigger_set_to_propose_waits_for_compliance()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var ordinary = await s.WorkflowAsync("Reply drafts", tool);
        var risky = await s.WorkflowAsync("Credit decisions", tool);
        await using (var db = await s.Test.DbAsync())
        {
            await db.Workflows.Where(w => w.Id == risky).ExecuteUpdateAsync(u => u
                .SetProperty(w => w.RiskScore, 16).SetProperty(w => w.RiskTier, AiPolicyHub.Core.Risk.RiskTier.High));
        }

        await s.Test.Incidents.ReportAsync(s.Sue, Report(ordinary, IncidentSeverity.High));
        var proposed = await s.Test.Incidents.ReportAsync(s.Sue, Report(risky, IncidentSeverity.High));

        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(ordinary));
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(risky)); // the default for this trigger is to propose
        Assert.Contains("proposes to compliance", proposed.Message);
        var proposal = Assert.Single(await s.Test.Pauses.InForceAsync(s.Cora));
        Assert.Equal((PauseState.Proposed, true), (proposal.State, proposal.CanDecideProposal));
        Assert.Contains(await s.Test.Notifications.LatestAsync(s.Colin), n => n.Title.Contains("proposes to pause “Credit decisions”"));

        var accepted = await s.Test.Pauses.AcceptProposalAsync(s.Colin, proposal.Id, proposal.Version);

        Assert.Equal(SaveStatus.Saved, accepted.Status);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(risky));
        Assert.Equal("Colin Compliance", (await s.ActivePauseAsync(s.Cora, risky)).PausedBy);
    }

    [Fact]
    public async Task A_tool_becoming_prohibited_pauses_it_with_its_workflows_and_a_vendor_training_on_our_data_is_proposed()
    {
        await using var s = await PauseScenario.CreateAsync();
        var chatty = await s.ToolAsync("Chatty");
        var other = await s.ToolAsync("Other", t => t.TrainsOnOurData = VendorTraining.No);
        var replies = await s.WorkflowAsync("Reply drafts", chatty);
        await s.WorkflowAsync("Summaries", other);

        var prohibit = (await s.Test.Tools.GetAsync(chatty))!;
        prohibit.ApprovalStatus = ToolApprovalStatus.Prohibited;
        var prohibited = await s.Test.Tools.SaveAsync(s.Cora, chatty, prohibit);
        var train = (await s.Test.Tools.GetAsync(other))!;
        train.TrainsOnOurData = VendorTraining.Yes;
        var trains = await s.Test.Tools.SaveAsync(s.Cora, other, train);

        Assert.Contains("“A tool becoming prohibited” paused “Chatty”", prohibited.Message);
        Assert.NotNull((await s.Test.Tools.GetAsync(chatty))!.PausedReason);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(replies));
        Assert.Contains("proposes to compliance to pause “Other”", trains.Message);
        Assert.Null((await s.Test.Tools.GetAsync(other))!.PausedReason);
    }

    [Fact]
    public async Task A_disabled_trigger_does_nothing_and_only_an_administrator_changes_the_triggers()
    {
        await using var s = await PauseScenario.CreateAsync();
        var admin = await s.Test.CreateUserAsync("Ada Admin", AiPolicyHub.Core.Identity.Roles.Administrator);
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));
        var settings = RiskTriggerSettings.Default with
        {
            Triggers = [.. RiskTriggerSettings.Default.Triggers.Select(t => t.Id == RiskTriggerIds.CriticalIncident ? t with { Enabled = false } : t)],
        };

        Assert.False((await s.Test.Triggers.SaveAsync(s.Cora, settings)).Succeeded);
        Assert.False((await s.Test.Triggers.SaveAsync(admin, settings with { OverdueDays = -1 })).Succeeded);
        Assert.True((await s.Test.Triggers.SaveAsync(admin, settings)).Succeeded);
        await s.Test.Incidents.ReportAsync(s.Sue, Report(workflow, IncidentSeverity.Critical));

        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(workflow));
        Assert.False((await s.Test.Triggers.LoadAsync()).For(RiskTriggerIds.CriticalIncident).Enabled);
    }

    [Fact]
    public async Task The_periodic_check_pauses_a_review_overdue_by_more_than_the_set_days_once_and_reminds_owners_of_reviews_coming_due()
    {
        var clock = new TestClock(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var s = await PauseScenario.CreateAsync(clock);
        var admin = await s.Test.CreateUserAsync("Ada Admin", AiPolicyHub.Core.Identity.Roles.Administrator);
        var automatic = RiskTriggerSettings.Default with
        {
            Triggers = [.. RiskTriggerSettings.Default.Triggers.Select(t => t with { Action = TriggerAction.PauseAutomatically })],
        };
        await s.Test.Triggers.SaveAsync(admin, automatic);
        var tool = await s.ToolAsync("Chatty");
        var late = await s.WorkflowAsync("Long overdue", tool);
        var recent = await s.WorkflowAsync("Just overdue", tool);
        var soon = await s.WorkflowAsync("Due soon", tool);
        var today = new DateOnly(2027, 3, 1);
        await using (var db = await s.Test.DbAsync())
        {
            await db.Workflows.Where(w => w.Id == late).ExecuteUpdateAsync(u => u.SetProperty(w => w.NextReviewDate, today.AddDays(-31)));
            await db.Workflows.Where(w => w.Id == recent).ExecuteUpdateAsync(u => u.SetProperty(w => w.NextReviewDate, today.AddDays(-30)));
            await db.Workflows.Where(w => w.Id == soon).ExecuteUpdateAsync(u => u
                .SetProperty(w => w.NextReviewDate, today.AddDays(10)).SetProperty(w => w.OwnerId, TestServices.UserId(s.Maya)));
        }

        var first = await s.Test.ScheduledChecks.RunAsync();
        var second = await s.Test.ScheduledChecks.RunAsync();

        Assert.Equal(new ScheduledCheckResult(1, 1), first);
        Assert.Equal(new ScheduledCheckResult(0, 0), second);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(late));
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(recent));
        var pause = await s.ActivePauseAsync(s.Cora, late);
        Assert.Equal(("A review overdue", "Risk trigger (automatic check)"), (pause.TriggerTitle, pause.PausedBy));
        Assert.True(pause.Conditions.Count == 3);
        Assert.Contains(await s.Test.Notifications.LatestAsync(s.Maya), n => n.Title == "The review of “Due soon” is due on 11 March 2027");
    }
}

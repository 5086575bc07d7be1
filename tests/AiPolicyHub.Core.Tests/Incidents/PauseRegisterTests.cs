using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Incidents;

public sealed class PauseRegisterTests
{
    private const string Reason = "A customer received another customer's order details.";

    [Fact]
    public async Task Pausing_a_tool_pauses_every_workflow_using_it_at_once_and_staff_are_told_not_to_use_them()
    {
        await using var s = await PauseScenario.CreateAsync();
        var chatty = await s.ToolAsync("Chatty");
        var other = await s.ToolAsync("Other");
        var replies = await s.WorkflowAsync("Reply drafts", chatty);
        var summaries = await s.WorkflowAsync("Ticket summaries", chatty, other);
        var unrelated = await s.WorkflowAsync("Unrelated", other);

        var paused = await s.Test.Tools.PauseAsync(s.Cora, chatty, 1, Reason);

        Assert.Equal(SaveStatus.Saved, paused.Status);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(replies));
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(summaries));
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(unrelated));
        Assert.Equal("Chatty", (await s.ActivePauseAsync(s.Cora, replies)).FromTool);
        var answer = (await s.Test.Advisor.AskAsync(new UsageQuestion(other, UsageTask.Summarising, s.Internal, DataCategories.None,
            Audience.Internal, false, WorkflowId: summaries))).Value!.Answer;
        Assert.Equal(Verdict.Paused, answer.Verdict);
        Assert.Contains("“Ticket summaries” is paused", Assert.Single(answer.Reasons));
        var entry = Assert.Single((await s.Test.Directory.ListAsync(s.Sue)).Tools, t => t.Name == "Other");
        Assert.Equal(["Ticket summaries"], entry.PausedWorkflows!.Select(w => w.Name));
    }

    [Fact]
    public async Task Pausing_a_tool_is_one_transaction_a_workflow_that_cannot_be_paused_leaves_the_tool_and_the_others_running()
    {
        await using var s = await PauseScenario.CreateAsync();
        var chatty = await s.ToolAsync("Chatty");
        var first = await s.WorkflowAsync("First", chatty);
        var second = await s.WorkflowAsync("Second", chatty);
        await using (var db = await s.Test.DbAsync())
        {
            // A database rule that refuses to pause the second workflow, as a failure half-way would (status 4 is Paused).
            if (db.Database.IsPostgres())
            {
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE FUNCTION refuse_second() RETURNS trigger AS $$ BEGIN IF NEW.\"Name\" = 'Second' AND NEW.\"Status\" = 4 THEN "
                    + "RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TRIGGER refuse_second BEFORE UPDATE ON \"Workflows\" FOR EACH ROW EXECUTE FUNCTION refuse_second()");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TRIGGER refuse_second BEFORE UPDATE ON Workflows WHEN NEW.Name = 'Second' AND NEW.Status = 4 BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }
        }

        await Assert.ThrowsAnyAsync<Exception>(() => s.Test.Tools.PauseAsync(s.Cora, chatty, 1, Reason));

        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(first));
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(second));
        Assert.Null((await s.Test.Tools.GetAsync(chatty))!.PausedReason);
        await using var check = await s.Test.DbAsync();
        Assert.Empty(await check.Pauses.ToListAsync());
    }

    [Fact]
    public async Task Restarting_a_tool_restarts_its_workflows_but_not_one_that_is_also_paused_for_another_reason()
    {
        await using var s = await PauseScenario.CreateAsync();
        var chatty = await s.ToolAsync("Chatty");
        var replies = await s.WorkflowAsync("Reply drafts", chatty);
        var summaries = await s.WorkflowAsync("Ticket summaries", chatty);
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.PauseWorkflowAsync(s.Maya, summaries, "Wrong totals in the summaries.")).Status);
        var toolPaused = await s.Test.Tools.PauseAsync(s.Cora, chatty, 1, Reason);
        var toolPause = Assert.Single((await s.Test.Pauses.ForToolAsync(s.Colin, chatty)).Current);
        await s.TickAllAsync(s.Colin, toolPause.Id, toolPause.Version);

        var restarted = await s.Test.Tools.RestartAsync(s.Colin, chatty, toolPaused.Version, "Vendor fixed the isolation bug.");

        Assert.Equal(SaveStatus.Saved, restarted.Status);
        Assert.Null((await s.Test.Tools.GetAsync(chatty))!.PausedReason);
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(replies));
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(summaries));
        var holding = await s.ActivePauseAsync(s.Cora, summaries);
        Assert.Equal("Wrong totals in the summaries.", holding.Reason);
        var history = await s.Test.Workflows.HistoryAsync(summaries);
        Assert.Equal(AuditAction.Restarted, history[0].Action);
        Assert.Contains(AuditTrail.ChangesOf(history[0]), c => c.Field == "Still paused because" && c.After == "Wrong totals in the summaries.");
    }

    [Fact]
    public async Task A_restart_needs_every_condition_and_a_compliance_officer_other_than_the_one_who_paused_it()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));
        await s.Test.Pauses.PauseWorkflowAsync(s.Cora, workflow, Reason);
        var pause = await s.ActivePauseAsync(s.Cora, workflow);

        var tooEarly = await s.Test.Pauses.RestartAsync(s.Colin, pause.Id, pause.Version, null);
        var version = await s.TickAllAsync(s.Maya, pause.Id, pause.Version);
        var byManager = await s.Test.Pauses.RestartAsync(s.Maya, pause.Id, version, null);
        var byPauser = await s.Test.Pauses.RestartAsync(s.Cora, pause.Id, version, null);

        Assert.Equal(SaveStatus.Invalid, tooEarly.Status);
        Assert.Contains("still open: root cause documented, controls updated, re-assessment done", tooEarly.Message);
        Assert.Equal(SaveStatus.Forbidden, byManager.Status);
        Assert.Equal(SaveStatus.Invalid, byPauser.Status);
        Assert.Contains("separation of duties", byPauser.Message);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(workflow));
        Assert.False((await s.ActivePauseAsync(s.Cora, workflow)).CanSignOff);
        Assert.True((await s.ActivePauseAsync(s.Colin, workflow)).CanSignOff);

        var restarted = await s.Test.Pauses.RestartAsync(s.Colin, pause.Id, version, "Checked the fix.");

        Assert.Equal(SaveStatus.Saved, restarted.Status);
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(workflow));
        var past = Assert.Single((await s.Test.Pauses.ForWorkflowAsync(s.Sue, workflow)).Past);
        Assert.Equal(("Colin Compliance", "Checked the fix."), (past.EndedBy, past.EndNote));
    }

    [Fact]
    public async Task A_manager_pauses_only_workflows_of_their_department_and_staff_not_at_all()
    {
        await using var s = await PauseScenario.CreateAsync();
        var finance = await s.Test.AddDepartmentAsync("Finance");
        var tool = await s.ToolAsync("Chatty");
        var ours = await s.WorkflowAsync("Reply drafts", tool);
        var theirs = (await s.Test.Workflows.SaveAsync(s.Cora, null, new WorkflowForm
        {
            Name = "Invoice checks", Purpose = "Checks invoices.", DepartmentId = finance, DataClassificationId = s.Internal, ToolIds = [tool],
            ApprovingRole = "Controller", Oversight = HumanOversight.ReviewBeforeUse,
        })).Id;

        Assert.Equal(SaveStatus.Forbidden, (await s.Test.Pauses.PauseWorkflowAsync(s.Sue, ours, Reason)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await s.Test.Pauses.PauseWorkflowAsync(s.Maya, theirs, Reason)).Status);
        Assert.Equal(SaveStatus.Invalid, (await s.Test.Pauses.PauseWorkflowAsync(s.Maya, ours, "stop")).Status);
        Assert.Equal(SaveStatus.Forbidden, (await s.Test.Tools.PauseAsync(s.Maya, tool, 1, Reason)).Status);
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.PauseWorkflowAsync(s.Maya, ours, Reason)).Status);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(ours));
    }

    [Fact]
    public async Task The_status_field_neither_pauses_nor_restarts_a_workflow()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));
        var form = (await s.Test.Workflows.GetAsync(workflow))!;
        form.Status = WorkflowStatus.Paused;
        Assert.Equal(SaveStatus.Invalid, (await s.Test.Workflows.SaveAsync(s.Cora, workflow, form)).Status);

        await s.Test.Pauses.PauseWorkflowAsync(s.Cora, workflow, Reason);
        var paused = (await s.Test.Workflows.GetAsync(workflow))!;
        paused.Status = WorkflowStatus.Approved;
        var outcome = await s.Test.Workflows.SaveAsync(s.Colin, workflow, paused);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Contains("restart checklist", Assert.Single(outcome.Errors!.All));
    }

    [Fact]
    public async Task Pause_and_restart_notify_the_owner_and_the_managers_but_not_the_person_who_did_it()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));

        await s.Test.Pauses.PauseWorkflowAsync(s.Cora, workflow, Reason);

        var mayas = await s.Test.Notifications.LatestAsync(s.Maya);
        Assert.Equal("“Reply drafts” is paused: do not use it", Assert.Single(mayas, n => n.Kind == AiPolicyHub.Core.Notifications.NotificationKind.Paused).Title);
        Assert.DoesNotContain(await s.Test.Notifications.LatestAsync(s.Cora), n => n.Kind == AiPolicyHub.Core.Notifications.NotificationKind.Paused);
        var unread = await s.Test.Notifications.UnreadCountAsync(s.Maya);
        await s.Test.Notifications.MarkReadAsync(s.Maya, mayas[0].Id);
        Assert.Equal(unread - 1, await s.Test.Notifications.UnreadCountAsync(s.Maya));
    }
}

public sealed class ToolPauseConfirmationTests
{
    [Fact]
    public async Task The_confirmation_before_a_tool_pause_names_every_workflow_it_would_stop_and_no_other()
    {
        await using var s = await PauseScenario.CreateAsync();
        var chatty = await s.ToolAsync("Chatty");
        var other = await s.ToolAsync("Other");
        var replies = await s.WorkflowAsync("Reply drafts", chatty);
        var notes = await s.WorkflowAsync("Meeting notes", chatty, other);
        var summaries = await s.WorkflowAsync("Summaries", other);

        var named = await s.Test.Pauses.WorkflowsAToolPauseStopsAsync(chatty);
        var paused = await s.Test.Tools.PauseAsync(s.Cora, chatty, (await s.Test.Tools.GetAsync(chatty))!.Version, "The vendor changed its terms.");

        Assert.Equal(["Meeting notes", "Reply drafts"], named);
        Assert.Equal(SaveStatus.Saved, paused.Status);
        Assert.Equal([WorkflowStatus.Paused, WorkflowStatus.Paused, WorkflowStatus.Approved],
            [await s.StatusAsync(notes), await s.StatusAsync(replies), await s.StatusAsync(summaries)]);
    }
}

using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Agents;

public class AgentInventoryTests
{
    [Fact]
    public async Task A_manager_records_an_agent_of_their_department_and_the_audit_trail_says_what_it_may_do()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var mail = await s.ConnectorAsync("Mail MCP");

        var saved = await s.Agents().SaveAsync(s.Maya, null, s.Form(tool, [mail]));

        Assert.Equal(SaveStatus.Saved, saved.Status);
        var stored = await s.AgentAsync(saved.Id);
        Assert.Equal(WorkflowStatus.Draft, stored.Status);
        Assert.Equal([mail], stored.ConnectorIds);
        Assert.Equal([new CheckpointForm(AgentPermissions.SpendMoney, "Finance lead")], stored.Checkpoints);
        var created = Assert.Single(await s.Agents().HistoryAsync(saved.Id));
        Assert.Equal(AuditAction.Created, created.Action);
        var changes = AuditTrail.ChangesOf(created);
        Assert.Contains(changes, c => c.Field == nameof(AgentForm.Permissions) && c.After == "Read data, Spend money or commit the organisation");
        Assert.Contains(changes, c => c.Field == nameof(AgentForm.ConnectorIds) && c.After == "Mail MCP");
        Assert.Contains(changes, c => c.Field == nameof(AgentForm.Checkpoints) && c.After == "Spend money or commit the organisation: Finance lead");
    }

    [Fact]
    public async Task Staff_and_managers_of_other_departments_cannot_record_or_change_agents()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var form = s.Form(tool, []);
        Assert.Equal(SaveStatus.Forbidden, (await s.Agents().SaveAsync(s.Sue, null, form)).Status);
        var omar = await s.OtherManagerAsync();
        var refused = await s.Agents().SaveAsync(omar, null, form);
        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.Contains("your own department", refused.Message);
        var saved = await s.Agents().SaveAsync(s.Maya, null, form);
        form.Purpose = "Something else entirely.";
        form.Version = saved.Version;
        Assert.Equal(SaveStatus.Forbidden, (await s.Agents().SaveAsync(omar, saved.Id, form)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await s.Test.Pauses.PauseAgentAsync(omar, saved.Id, "Not mine to pause at all.")).Status);
    }

    [Fact]
    public async Task Nobody_approves_their_own_agent_and_nobody_creates_one_as_approved()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var form = s.Form(tool, []);
        form.Status = WorkflowStatus.Approved;
        var asApproved = await s.Agents().SaveAsync(s.Cora, null, form);
        Assert.Equal(SaveStatus.Invalid, asApproved.Status);
        Assert.Contains("cannot be created as approved", asApproved.Message);

        form.Status = WorkflowStatus.Submitted;
        var saved = await s.Agents().SaveAsync(s.Cora, null, form);
        var own = await s.Agents().ApproveAsync(s.Cora, saved.Id, saved.Version);
        Assert.Equal(SaveStatus.Forbidden, own.Status);
        Assert.Contains("You created this agent", own.Message);
        Assert.Equal(SaveStatus.Forbidden, (await s.Agents().ApproveAsync(s.Maya, saved.Id, saved.Version)).Status);
        Assert.Equal(SaveStatus.Invalid, (await s.Agents().RejectAsync(s.Colin, saved.Id, saved.Version, "")).Status);
        var approved = await s.Agents().ApproveAsync(s.Colin, saved.Id, saved.Version, "Checkpoint on payments is in place.");
        Assert.Equal(SaveStatus.Saved, approved.Status);
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(saved.Id)).Status);
        Assert.Equal(SaveStatus.Conflict, (await s.Agents().ApproveAsync(s.Colin, saved.Id, saved.Version)).Status);
    }

    public static TheoryData<string> MaterialChanges => ["connector", "permission", "autonomy", "checkpoint removed", "becoming its provider"];

    [Theory]
    [MemberData(nameof(MaterialChanges))]
    public async Task A_material_change_to_an_approved_agent_sends_it_back_for_approval_whoever_makes_it(string change)
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var mail = await s.ConnectorAsync("Mail MCP");
        var pay = await s.ConnectorAsync("Payments MCP");
        var id = await s.ApprovedAgentAsync(s.Form(tool, [mail]));
        var form = await s.AgentAsync(id);
        switch (change)
        {
            case "connector": form.ConnectorIds.Add(pay); break;
            case "permission": form.Permissions |= AgentPermissions.SendOutside; form.Checkpoints.Add(new(AgentPermissions.SendOutside, "Team lead")); break;
            case "autonomy": form.Autonomy = AgentAutonomy.ActsAlone; break;
            case "becoming its provider": form.OperatorRole = OperatorRole.Provider; break;
            default: form.Checkpoints.Clear(); break;
        }

        var saved = await s.Agents().SaveAsync(s.Colin, id, form); // compliance too: their change needs another's approval

        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Contains("submitted to compliance for approval again", saved.Message);
        Assert.Equal(WorkflowStatus.Submitted, (await s.AgentAsync(id)).Status);
        var entry = (await s.Agents().HistoryAsync(id)).Last(e => e.Action == AuditAction.Changed);
        Assert.Contains(AuditTrail.ChangesOf(entry), c => c.Field == Core.Approvals.MaterialChanges.ReopenedField);
        // Colin made the change, so Cora decides.
        Assert.Equal(SaveStatus.Forbidden, (await s.Agents().ApproveAsync(s.Colin, id, saved.Version)).Status);
        Assert.Equal(SaveStatus.Saved, (await s.Agents().ApproveAsync(s.Cora, id, saved.Version)).Status);
    }

    [Fact]
    public async Task Another_EU_AI_Act_role_than_provider_keeps_an_agent_approved_and_every_role_change_is_in_its_history()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var id = await s.ApprovedAgentAsync(s.Form(tool, []));
        Assert.Equal(OperatorRole.Deployer, (await s.AgentAsync(id)).OperatorRole);

        var form = await s.AgentAsync(id);
        form.OperatorRole = OperatorRole.Importer;
        var saved = await s.Agents().SaveAsync(s.Maya, id, form);

        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Equal((WorkflowStatus.Approved, OperatorRole.Importer), ((await s.AgentAsync(id)).Status, (await s.AgentAsync(id)).OperatorRole));
        var entry = (await s.Agents().HistoryAsync(id)).Last(e => e.Action == AuditAction.Changed);
        Assert.Equal([new FieldChange(nameof(AgentForm.OperatorRole), "Deployer (we use it)", "Importer (we bring it into the EU)")], AuditTrail.ChangesOf(entry));
        Assert.Equal("EU AI Act role", AuditFields.Label(nameof(AgentForm.OperatorRole)));

        form = await s.AgentAsync(id);
        form.OperatorRole = (OperatorRole)9;
        var refused = await s.Agents().SaveAsync(s.Maya, id, form);
        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.Contains("role for the agent under the EU AI Act", refused.Errors!.For(nameof(AgentForm.OperatorRole)).Single());
    }

    [Fact]
    public async Task A_clearer_purpose_or_recorded_activity_keeps_an_agent_approved()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var id = await s.ApprovedAgentAsync(s.Form(tool, []));
        var form = await s.AgentAsync(id);
        form.Purpose = "Pays approved supplier invoices up to 5,000 EUR.";
        form.Permissions = AgentPermissions.SpendMoney; // fewer permissions: less power is no material change
        form.Checkpoints = [new(AgentPermissions.SpendMoney, "Finance lead")];
        Assert.Equal(SaveStatus.Saved, (await s.Agents().SaveAsync(s.Maya, id, form)).Status);
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(id)).Status);

        var recorded = await s.Agents().RecordActivityAsync(s.Maya, id, new DateOnly(2026, 11, 30));
        Assert.Equal(SaveStatus.Saved, recorded.Status);
        var after = await s.AgentAsync(id);
        Assert.Equal(new DateOnly(2026, 11, 30), after.LastActivityOn);
        Assert.Equal(WorkflowStatus.Approved, after.Status);
        Assert.Equal(SaveStatus.Forbidden, (await s.Agents().RecordActivityAsync(s.Sue, id, new DateOnly(2026, 12, 1))).Status);
    }

    [Fact]
    public async Task A_checkpoint_needs_the_permission_it_guards_and_someone_who_approves()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var form = s.Form(tool, []);
        form.Checkpoints = [new(AgentPermissions.SendOutside, "Team lead"), new(AgentPermissions.SpendMoney, " ")];
        var refused = await s.Agents().SaveAsync(s.Maya, null, form);
        Assert.Equal(SaveStatus.Invalid, refused.Status);
        var messages = refused.Errors!.For(nameof(AgentForm.Checkpoints));
        Assert.Contains(messages, m => m.Contains("does not have the permission “Send messages outside the organisation”"));
        Assert.Contains(messages, m => m.Contains("Say who approves “Spend money or commit the organisation”"));
    }

    [Fact]
    public async Task Adding_a_permission_to_an_agent_in_use_fires_its_risk_trigger_which_proposes_a_pause_to_compliance()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var id = await s.ApprovedAgentAsync(s.Form(tool, []));
        var form = await s.AgentAsync(id);
        form.Permissions |= AgentPermissions.ChangeCode;

        var saved = await s.Agents().SaveAsync(s.Maya, id, form);

        Assert.Contains("“A permission added to an agent” proposes to compliance to pause “Invoice agent”", saved.Message);
        var proposal = Assert.Single(await s.Test.Pauses.InForceAsync(s.Cora), p => p.AgentId == id);
        Assert.Equal(PauseState.Proposed, proposal.State);
        Assert.Contains("Change code or configuration", proposal.Reason);
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.AcceptProposalAsync(s.Cora, proposal.Id, proposal.Version)).Status);
        Assert.Equal(WorkflowStatus.Paused, (await s.AgentAsync(id)).Status);
    }

    [Fact]
    public async Task The_periodic_check_proposes_to_pause_an_agent_dormant_for_the_days_the_rule_sets_once()
    {
        var clock = new TestClock();
        await using var s = await PauseScenario.CreateAsync(clock);
        var tool = await s.ToolAsync("Chatty");
        var form = s.Form(tool, []);
        form.LastActivityOn = DateOnly.FromDateTime(clock.Now.UtcDateTime).AddDays(-89);
        var id = await s.ApprovedAgentAsync(form);

        Assert.Equal(0, (await s.Test.ScheduledChecks.RunAsync()).DormantAgentTriggersFired);
        clock.AddDays(1);
        Assert.Equal(1, (await s.Test.ScheduledChecks.RunAsync()).DormantAgentTriggersFired);
        Assert.Equal(0, (await s.Test.ScheduledChecks.RunAsync()).DormantAgentTriggersFired);
        var proposal = Assert.Single(await s.Test.Pauses.InForceAsync(s.Cora), p => p.AgentId == id);
        Assert.Equal("An agent dormant", proposal.TriggerTitle);
    }

    [Fact]
    public async Task An_approved_agent_with_no_recorded_activity_is_dormant_counted_from_its_approval_in_the_rule_and_the_periodic_check()
    {
        var clock = new TestClock();
        await using var s = await PauseScenario.CreateAsync(clock);
        var tool = await s.ToolAsync("Chatty");
        clock.AddDays(-30);
        var saved = await s.Agents().SaveAsync(s.Maya, null, s.Form(tool, [])); // recorded 30 days before it is approved
        clock.AddDays(30);
        var submitted = await s.Agents().SubmitAsync(s.Maya, saved.Id, saved.Version);
        Assert.Equal(SaveStatus.Saved, (await s.Agents().ApproveAsync(s.Cora, saved.Id, submitted.Version)).Status);
        Assert.Equal(DateOnly.FromDateTime(clock.Now.UtcDateTime), (await s.AgentAsync(saved.Id)).InUseSince);
        Assert.Null((await s.AgentAsync(saved.Id)).LastActivityOn);

        clock.AddDays(89);
        Assert.Equal(0, (await s.Test.ScheduledChecks.RunAsync()).DormantAgentTriggersFired);
        Assert.DoesNotContain(Core.Rules.BuiltIn.DormantAgentRule.RuleId,
            Assert.Single(await s.Agents().ListAsync()).Findings.Select(f => f.RuleId));
        clock.AddDays(1);
        Assert.Equal(1, (await s.Test.ScheduledChecks.RunAsync()).DormantAgentTriggersFired);
        Assert.Equal(0, (await s.Test.ScheduledChecks.RunAsync()).DormantAgentTriggersFired);
        Assert.Contains(Core.Rules.BuiltIn.DormantAgentRule.RuleId, Assert.Single(await s.Agents().ListAsync()).Findings.Select(f => f.RuleId));
        var proposal = Assert.Single(await s.Test.Pauses.InForceAsync(s.Cora), p => p.AgentId == saved.Id);
        Assert.Contains("No activity has been recorded since it was approved or recorded on", proposal.Reason);
    }
}

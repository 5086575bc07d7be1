using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests.Incidents;

namespace AiPolicyHub.Core.Tests.Agents;

public class AgentPauseTests
{
    private const string Reason = "The payments server sent a duplicate transfer.";

    [Fact]
    public async Task Pausing_a_connector_pauses_every_agent_using_it_and_the_workflows_relying_on_them_and_nothing_else()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var pay = await s.ConnectorAsync("Payments MCP");
        var mail = await s.ConnectorAsync("Mail MCP");
        var invoices = await s.WorkflowAsync("Invoice run", tool);
        var replies = await s.WorkflowAsync("Reply drafts", tool);
        var payer = await s.ApprovedAgentAsync(s.Form(tool, [pay, mail], [invoices]));
        var mailer = await s.ApprovedAgentAsync(s.Form(tool, [mail], [replies]));

        var paused = await s.Test.Pauses.PauseConnectorAsync(s.Cora, pay, 1, Reason);

        Assert.Equal(SaveStatus.Saved, paused.Status);
        Assert.Contains("1 agent using it and 1 workflow", paused.Message);
        Assert.Equal(Reason, await s.ConnectorPausedAsync(pay));
        Assert.Equal(WorkflowStatus.Paused, (await s.AgentAsync(payer)).Status);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(invoices));
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(mailer)).Status);
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(replies));
        var workflowPause = await s.ActivePauseAsync(s.Cora, invoices);
        Assert.Equal("the agent “Invoice agent”", workflowPause.FollowsFrom);
        Assert.False(workflowPause.CanSignOff);
        var agentPause = Assert.Single((await s.Test.Pauses.ForAgentAsync(s.Cora, payer)).Current);
        Assert.Equal("the connector “Payments MCP”", agentPause.FollowsFrom);
        // The agent rules see the paused connector too.
        var listed = Assert.Single(await s.Agents().ListAsync(), a => a.Id == mailer);
        Assert.DoesNotContain(listed.Findings, f => f.RuleId == Core.Rules.BuiltIn.AgentConnectorNotApprovedRule.RuleId);
    }

    [Fact]
    public async Task Restarting_a_connector_needs_another_officer_and_leaves_agents_and_workflows_held_by_other_pauses_paused()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var pay = await s.ConnectorAsync("Payments MCP");
        var first = await s.WorkflowAsync("Invoice run", tool);
        var second = await s.WorkflowAsync("Refunds", tool);
        var third = await s.WorkflowAsync("Supplier letters", tool);
        var payer = await s.ApprovedAgentAsync(s.Form(tool, [pay], [first, second]));
        var refunder = await s.ApprovedAgentAsync(s.Form(tool, [pay], [third]));
        // Held by pauses of their own as well: the second workflow, and the refund agent.
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.PauseWorkflowAsync(s.Maya, second, "Refunds went to the wrong accounts.")).Status);
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.PauseConnectorAsync(s.Cora, pay, 1, Reason)).Status);
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.PauseAgentAsync(s.Maya, refunder, "It refunded the same order twice.")).Status);

        var connectorPause = Assert.Single((await s.Test.Pauses.ForConnectorAsync(s.Cora, pay)).Current);
        var version = await s.TickAllAsync(s.Cora, connectorPause.Id, connectorPause.Version);
        var own = await s.Test.Pauses.RestartAsync(s.Cora, connectorPause.Id, version, null);
        Assert.Equal(SaveStatus.Invalid, own.Status);
        Assert.Contains("another compliance officer", own.Message);

        var restarted = await s.Test.Pauses.RestartAsync(s.Colin, connectorPause.Id, version, "Duplicate check added on the server.");

        Assert.Equal(SaveStatus.Saved, restarted.Status);
        Assert.Null(await s.ConnectorPausedAsync(pay));
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(payer)).Status);
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(first));
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(second)); // its own pause still holds it
        Assert.Equal(WorkflowStatus.Paused, (await s.AgentAsync(refunder)).Status); // so does the refund agent's
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(third)); // and its workflow, through the agent's own pause

        // Restarting the refund agent's own pause (signed off by another officer) restarts it and its workflow.
        var agentPause = Assert.Single((await s.Test.Pauses.ForAgentAsync(s.Colin, refunder)).Current, p => p.FollowsFrom is null);
        var agentVersion = await s.TickAllAsync(s.Maya, agentPause.Id, agentPause.Version);
        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.RestartAsync(s.Cora, agentPause.Id, agentVersion, null)).Status);
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(refunder)).Status);
        Assert.Equal(WorkflowStatus.Approved, await s.StatusAsync(third));
    }

    [Fact]
    public async Task A_paused_agent_cannot_be_brought_back_through_a_save_and_a_new_connector_on_it_needs_no_pause_to_hold()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var invoices = await s.WorkflowAsync("Invoice run", tool);
        var id = await s.ApprovedAgentAsync(s.Form(tool, [], [invoices]));
        var paused = await s.Test.Pauses.PauseAgentAsync(s.Maya, id, "It paid an invoice twice.");
        Assert.Contains("the workflow relying on it", paused.Message);
        Assert.Equal(WorkflowStatus.Paused, await s.StatusAsync(invoices));

        var form = await s.AgentAsync(id);
        form.Status = WorkflowStatus.Approved;
        var refused = await s.Agents().SaveAsync(s.Colin, id, form);

        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.Contains("This agent is held by a pause in force", refused.Message);
        Assert.Equal(WorkflowStatus.Paused, (await s.AgentAsync(id)).Status);
    }
}

using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Tests.Incidents;

namespace AiPolicyHub.Core.Tests.Agents;

public class ConnectorChangeTests
{
    private static readonly InventoryNames Names = new(new Dictionary<int, string>(), new Dictionary<int, string> { [1] = "Internal", [2] = "Confidential" },
        new Dictionary<int, string>(), new Dictionary<string, string>());

    private static readonly Dictionary<int, int> Ranks = new() { [1] = 2, [2] = 3 };

    private static ConnectorForm Connector(string tools = "send_email", int level = 1, string endpoint = "https://mcp.example.com/mail") =>
        new() { Name = "Mail MCP", Endpoint = endpoint, ToolsExposed = tools, DataClassificationId = level };

    [Fact]
    public void New_tools_more_sensitive_data_or_another_endpoint_are_material_and_fewer_tools_or_less_data_are_not()
    {
        Assert.Equal(["a new tool exposed (delete_mailbox)"],
            ConnectorChanges.Between(Connector(), Connector("send_email\ndelete_mailbox"), Names, Ranks));
        Assert.Equal(["more sensitive data reached (Internal → Confidential)"], ConnectorChanges.Between(Connector(), Connector(level: 2), Names, Ranks));
        Assert.Equal(["another endpoint (https://mcp.other.example/mail)"],
            ConnectorChanges.Between(Connector(), Connector(endpoint: "https://mcp.other.example/mail"), Names, Ranks));

        Assert.Empty(ConnectorChanges.Between(Connector("send_email\nread_inbox"), Connector("send_email"), Names, Ranks));
        Assert.Empty(ConnectorChanges.Between(Connector(level: 2), Connector(level: 1), Names, Ranks));
        // The same tools written another way (order, case, commas) are the same tools.
        Assert.Empty(ConnectorChanges.Between(Connector("send_email\nread_inbox"), Connector("Read_Inbox, send_email"), Names, Ranks));
        Assert.Empty(ConnectorChanges.Between(Connector(), Connector(endpoint: "HTTPS://MCP.EXAMPLE.COM/mail "), Names, Ranks));
    }

    [Fact]
    public async Task A_connector_that_comes_to_expose_a_new_tool_sends_the_approved_agents_using_it_back_for_approval_audited_and_notified()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var mail = await s.ConnectorAsync("Mail MCP");
        var other = await s.ConnectorAsync("Files MCP");
        var approved = await s.ApprovedAgentAsync(s.Form(tool, [mail]));
        var elsewhere = await s.ApprovedAgentAsync(s.Form(tool, [other]));
        var draft = (await s.Agents().SaveAsync(s.Maya, null, s.Form(tool, [mail]))).Id;

        var connector = (await s.Connectors().GetAsync(mail))!;
        connector.ToolsExposed += "\ndelete_mailbox";
        var saved = await s.Connectors().SaveAsync(s.Colin, mail, connector);

        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Equal("Because of a new tool exposed (delete_mailbox), the approved agent using it went back to compliance for approval.", saved.Message);
        Assert.Equal(WorkflowStatus.Submitted, (await s.AgentAsync(approved)).Status);
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(elsewhere)).Status);
        Assert.Equal(WorkflowStatus.Draft, (await s.AgentAsync(draft)).Status);
        var reopened = (await s.Agents().HistoryAsync(approved))[0]; // newest first
        Assert.Equal(AuditAction.Reopened, reopened.Action);
        Assert.Contains(AuditTrail.ChangesOf(reopened), c => c.Field == Core.Approvals.MaterialChanges.ReopenedField
            && c.After == "the connector “Mail MCP” changed: a new tool exposed (delete_mailbox)");
        // Cora is told it awaits her decision; Colin, who changed the connector, decides nothing about it.
        Assert.Contains(await s.Test.Notifications.LatestAsync(s.Cora),
            n => n.Kind == NotificationKind.AwaitingApproval && n.Title == "The agent “Invoice agent” awaits your approval");
        var actions = await s.Agents().ActionsAsync(s.Cora, approved);
        Assert.True(actions.CanDecide);
    }

    [Fact]
    public async Task A_cosmetic_change_to_a_connector_keeps_its_agents_approved()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var mail = await s.ConnectorAsync("Mail MCP");
        var approved = await s.ApprovedAgentAsync(s.Form(tool, [mail]));
        var connector = (await s.Connectors().GetAsync(mail))!;
        connector.Notes = "Owned by the IT service desk.";
        connector.Vendor = "Acme Ltd";

        var saved = await s.Connectors().SaveAsync(s.Colin, mail, connector);

        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Null(saved.Message);
        Assert.Equal(WorkflowStatus.Approved, (await s.AgentAsync(approved)).Status);
    }
}

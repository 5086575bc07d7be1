using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Core.Inventory;

/// <summary>
/// The demo's agents and connectors (part of <see cref="DemoData.SeedAsync"/>): a support agent that answers customers through a
/// helpdesk MCP server and the mail gateway, with a person approving what it sends, and a payments agent that acts alone through a
/// proposed ERP connector, so the agent rules have something to find. Both agents are drafts.
/// </summary>
internal static class DemoAgents
{
    public static async Task<int> SeedAsync(AppDbContext db, AuditTrail audit, Actor actor, IReadOnlyDictionary<string, AiTool> tools,
        IReadOnlyDictionary<string, int> departments, Func<int, int> level, string? owner, CancellationToken ct)
    {
        var helpdesk = new Connector
        {
            Name = "Helpdesk MCP server", Kind = ConnectorKind.McpServer, Endpoint = "https://mcp.helpdesk.example.com/mcp", Vendor = "Zendesk",
            ToolsExposed = "search_tickets\nread_ticket\nreply_to_ticket", DataClassificationId = level(3), ApprovalStatus = ToolApprovalStatus.Approved,
            OwnerId = owner, Version = 1,
        };
        var mail = new Connector
        {
            Name = "Company mail gateway", Kind = ConnectorKind.ApiEndpoint, Endpoint = "https://mail.example.com/api", Vendor = "Microsoft",
            ToolsExposed = "send_email", DataClassificationId = level(3), ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions,
            OwnerId = owner, Version = 1,
        };
        var erp = new Connector
        {
            Name = "ERP payments API", Kind = ConnectorKind.ApiEndpoint, Endpoint = "https://erp.example.com/api/payments", Vendor = "SAP",
            ToolsExposed = "list_invoices\napprove_payment", DataClassificationId = level(3), ApprovalStatus = ToolApprovalStatus.Proposed,
            OwnerId = owner, Version = 1,
        };
        Connector[] connectors = [helpdesk, mail, erp];
        db.Connectors.AddRange(connectors);
        await db.SaveChangesAsync(ct);

        var support = new Agent
        {
            Name = "Support inbox agent", Purpose = "Drafts and sends answers to customer tickets from the knowledge base.",
            DepartmentId = departments["Customer Support"], OwnerId = owner, ToolId = tools["Claude for Work"].Id,
            Permissions = AgentPermissions.ReadData | AgentPermissions.SendOutside, Autonomy = AgentAutonomy.ActsWithApproval,
            Connectors = [new() { ConnectorId = helpdesk.Id }, new() { ConnectorId = mail.Id }],
            Checkpoints = [new() { Permission = AgentPermissions.SendOutside, Approver = "Support team lead" }],
            DataClassificationId = level(3), Status = WorkflowStatus.Draft, Version = 1,
        };
        var payments = new Agent
        {
            Name = "Invoice payment agent", Purpose = "Matches supplier invoices to purchase orders and pays those that match.",
            DepartmentId = departments["Finance"], OwnerId = owner, ToolId = tools["Azure OpenAI Service"].Id,
            Permissions = AgentPermissions.ReadData | AgentPermissions.SpendMoney, Autonomy = AgentAutonomy.ActsAlone,
            Connectors = [new() { ConnectorId = erp.Id }],
            DataClassificationId = level(3), Status = WorkflowStatus.Draft, Version = 1,
        };
        Agent[] agents = [support, payments];
        db.Agents.AddRange(agents);
        await db.SaveChangesAsync(ct);

        var names = await AgentNames.LoadAsync(db, [], ct);
        foreach (var c in connectors)
        {
            await audit.AppendAsync(db, actor, ConnectorCatalog.EntityType, c.Id.ToString(), c.Name, AuditAction.Created,
                AuditTrail.Diff(new Dictionary<string, string>(), ConnectorCatalog.Describe(ConnectorForm.From(c), names.Inventory)), ct);
            await db.SaveChangesAsync(ct);
        }
        foreach (var a in agents)
        {
            await audit.AppendAsync(db, actor, AgentSave.EntityType, a.Id.ToString(), a.Name, AuditAction.Created,
                AuditTrail.Diff(new Dictionary<string, string>(), AgentSave.Describe(AgentForm.From(a), names)), ct);
            await db.SaveChangesAsync(ct);
        }
        return agents.Length;
    }
}

using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>
/// The demo's agents and connectors (part of <see cref="DemoData.SeedAsync"/>): a support agent that answers customers through a
/// helpdesk MCP server and the mail gateway, with a person approving what it sends (approved by a second demo officer), and a
/// payments agent that acts alone through a proposed ERP connector (a draft), so the agent rules have something to find. Each is
/// decided like any save: connectors by <see cref="ConnectorCatalog.Validate"/> and <see cref="ConnectorCatalog.Refusal"/>,
/// agents by <see cref="AgentSave.Validate"/> and <see cref="AgentSave.Decide"/> (created as drafts or submitted, never as approved).
/// </summary>
internal static class DemoAgents
{
    public static async Task<int> SeedAsync(AppDbContext db, AuditTrail audit, Actor actor, Actor approver, IReadOnlyDictionary<string, AiTool> tools,
        IReadOnlyDictionary<string, int> departments, Func<int, int> level, string? owner, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);
        ConnectorForm[] connectorForms =
        [
            new()
            {
                Name = "Helpdesk MCP server", Kind = ConnectorKind.McpServer, Endpoint = "https://mcp.helpdesk.example.com/mcp", Vendor = "Zendesk",
                ToolsExposed = "search_tickets\nread_ticket\nreply_to_ticket", DataClassificationId = level(3), ApprovalStatus = ToolApprovalStatus.Approved,
                OwnerId = owner,
            },
            new()
            {
                Name = "Company mail gateway", Kind = ConnectorKind.ApiEndpoint, Endpoint = "https://mail.example.com/api", Vendor = "Microsoft",
                ToolsExposed = "send_email", DataClassificationId = level(3), ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions, OwnerId = owner,
            },
            new()
            {
                Name = "ERP payments API", Kind = ConnectorKind.ApiEndpoint, Endpoint = "https://erp.example.com/api/payments", Vendor = "SAP",
                ToolsExposed = "list_invoices\napprove_payment", DataClassificationId = level(3), ApprovalStatus = ToolApprovalStatus.Proposed, OwnerId = owner,
            },
        ];
        var levels = (await db.ClassificationLevels.Select(l => l.Id).ToListAsync(ct)).ToHashSet();
        var users = owner is null ? new HashSet<string>() : new HashSet<string> { owner };
        var inventoryNames = await InventoryNames.LoadAsync(db, ct);
        var connectors = new Dictionary<string, Connector>();
        foreach (var form in connectorForms)
        {
            var errors = ConnectorCatalog.Validate(form, levels, users);
            if (ConnectorCatalog.Refusal(actor, null, form) is { } refusal)
            {
                errors.Add(nameof(ConnectorForm.ApprovalStatus), refusal);
            }
            Ensure(errors, form.Name);
            var connector = new Connector { Version = 1 };
            form.ApplyTo(connector);
            db.Connectors.Add(connector);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, ConnectorCatalog.EntityType, connector.Id.ToString(), connector.Name, AuditAction.Created,
                AuditTrail.Diff(new Dictionary<string, string>(), ConnectorCatalog.Describe(form, inventoryNames)), ct);
            await db.SaveChangesAsync(ct);
            connectors[connector.Name] = connector;
        }

        var agentForms = new (AgentForm Form, bool Approve)[]
        {
            (new AgentForm
            {
                Name = "Support inbox agent", Purpose = "Drafts and sends answers to customer tickets from the knowledge base.",
                DepartmentId = departments["Customer Support"], OwnerId = owner, ToolId = tools["Claude for Work"].Id,
                Permissions = AgentPermissions.ReadData | AgentPermissions.SendOutside, Autonomy = AgentAutonomy.ActsWithApproval,
                ConnectorIds = [connectors["Helpdesk MCP server"].Id, connectors["Company mail gateway"].Id],
                Checkpoints = [new CheckpointForm(AgentPermissions.SendOutside, "Support team lead")],
                DataClassificationId = level(3), Status = WorkflowStatus.Submitted,
            }, true),
            (new AgentForm
            {
                Name = "Invoice payment agent", Purpose = "Matches supplier invoices to purchase orders and pays those that match.",
                DepartmentId = departments["Finance"], OwnerId = owner, ToolId = tools["Azure OpenAI Service"].Id,
                Permissions = AgentPermissions.ReadData | AgentPermissions.SpendMoney, Autonomy = AgentAutonomy.ActsAlone,
                ConnectorIds = [connectors["ERP payments API"].Id],
                DataClassificationId = level(3), Status = WorkflowStatus.Draft,
            }, false),
        };
        var references = new AgentReferences(await WorkflowInventory.ReferencesAsync(db, ct), connectors.Values.Select(c => c.Id).ToHashSet(),
            new Dictionary<int, int>());
        var names = await AgentNames.LoadAsync(db, [], ct);
        var ranks = await Approvals.MaterialChanges.ClassificationRanksAsync(db, ct);
        foreach (var (form, approve) in agentForms)
        {
            Ensure(AgentSave.Validate(form, null, references, actor), form.Name);
            var decision = AgentSave.Decide(new AgentSaveRequest(actor, null, form, [], null, names, ranks));
            if (decision.Refusal is { } refusal)
            {
                throw new InvalidOperationException($"Demo agent \"{form.Name}\" is refused: {refusal.Message}");
            }
            var agent = new Agent { CreatedOn = today, Version = 1 };
            form.ApplyTo(agent);
            agent.Status = decision.Status;
            db.Agents.Add(agent);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, AgentSave.EntityType, agent.Id.ToString(), agent.Name, decision.Action, decision.Changes, ct);
            await db.SaveChangesAsync(ct);
            if (approve)
            {
                // Approved as the agent page's approval does: by another officer than the one who recorded it.
                var history = await AuditTrail.HistoryAsync(db, AgentSave.EntityType, agent.Id.ToString(), ct);
                if (Approvals.SeparationOfDuties.RefusalFor(approver.UserId, history, AgentSave.ContentFields, AgentSave.Record) is { } refused)
                {
                    throw new InvalidOperationException($"Demo agent \"{form.Name}\" cannot be approved: {refused}");
                }
                agent.Status = WorkflowStatus.Approved;
                agent.ApprovedOn = today;
                agent.Version++;
                await audit.AppendAsync(db, approver, AgentSave.EntityType, agent.Id.ToString(), agent.Name, AuditAction.Approved,
                    [new FieldChange("Status", EnumText.Of(WorkflowStatus.Submitted), EnumText.Of(WorkflowStatus.Approved))], ct);
                await db.SaveChangesAsync(ct);
            }
        }
        return agentForms.Length;
    }

    private static void Ensure(ValidationErrors errors, string name)
    {
        if (!errors.IsEmpty)
        {
            throw new InvalidOperationException($"Demo record '{name}' is invalid: {string.Join(" ", errors.All)}");
        }
    }
}

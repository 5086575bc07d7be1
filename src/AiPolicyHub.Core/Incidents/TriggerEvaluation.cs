using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Incidents;

/// <summary>
/// The event triggers, evaluated inside the transaction of the save that may fire them (an incident reported or
/// triaged, a tool changed), so a pause is never stored without its cause nor the other way round.
/// </summary>
internal static class TriggerEvaluation
{
    /// <returns>What the trigger did, in a sentence for the person who saved, or null when none fired.</returns>
    public static async Task<string?> OnIncidentSavedAsync(AppDbContext db, AuditTrail audit, Actor actor, Incident incident,
        CancellationToken cancellationToken)
    {
        if (incident.Status == IncidentStatus.Closed)
        {
            return null;
        }
        var settings = await RiskTriggerStore.LoadAsync(db, cancellationToken);
        if (incident.Severity == IncidentSeverity.Critical)
        {
            return await FireAsync(db, audit, actor, settings, RiskTriggerIds.CriticalIncident, incident.WorkflowId, incident.ToolId, incident,
                $"Critical incident #{incident.Id}: {incident.Title}", cancellationToken);
        }
        if (incident.Severity == IncidentSeverity.High && incident.WorkflowId is { } workflowId
            && await db.Workflows.AnyAsync(w => w.Id == workflowId && w.RiskScore > 0 && w.RiskTier >= Risk.RiskTier.High, cancellationToken))
        {
            return await FireAsync(db, audit, actor, settings, RiskTriggerIds.HighIncidentOnHighRisk, workflowId, null, incident,
                $"High incident #{incident.Id} on a high-risk workflow: {incident.Title}", cancellationToken);
        }
        return null;
    }

    public static async Task<string?> OnToolSavedAsync(AppDbContext db, AuditTrail audit, Actor actor, AiTool tool,
        ToolApprovalStatus? statusBefore, VendorTraining? trainingBefore, CancellationToken cancellationToken)
    {
        if (statusBefore is null)
        {
            return null; // a new tool: no workflow uses it yet
        }
        var settings = await RiskTriggerStore.LoadAsync(db, cancellationToken);
        if (tool.ApprovalStatus == ToolApprovalStatus.Prohibited && statusBefore != ToolApprovalStatus.Prohibited)
        {
            return await FireAsync(db, audit, actor, settings, RiskTriggerIds.ToolProhibited, null, tool.Id, null,
                $"The AI tool “{tool.Name}” is now prohibited.", cancellationToken, eventKey: $"{RiskTriggerIds.ToolProhibited}:{tool.Id}:{tool.Version}");
        }
        if (tool.TrainsOnOurData == VendorTraining.Yes && trainingBefore != VendorTraining.Yes)
        {
            return await FireAsync(db, audit, actor, settings, RiskTriggerIds.VendorTrainsOnData, null, tool.Id, null,
                $"The vendor of “{tool.Name}” now trains on the data it receives, customer data included.", cancellationToken,
                eventKey: $"{RiskTriggerIds.VendorTrainsOnData}:{tool.Id}:{tool.Version}");
        }
        return null;
    }

    /// <summary>Fires one trigger for one event, once: pauses (or proposes to pause) the workflow, or the tool with all its workflows.</summary>
    public static async Task<string?> FireAsync(AppDbContext db, AuditTrail audit, Actor actor, RiskTriggerSettings settings, string triggerId,
        int? workflowId, int? toolId, Incident? incident, string reason, CancellationToken cancellationToken, string? eventKey = null)
    {
        var setting = settings.For(triggerId);
        eventKey ??= $"{triggerId}:incident:{incident?.Id}";
        if (!setting.Enabled || await db.Pauses.AnyAsync(p => p.EventKey == eventKey, cancellationToken))
        {
            return null;
        }
        var title = RiskTriggerSettings.TitleOf(triggerId);
        reason = Pausing.Shorten(reason);
        if (toolId is { } id)
        {
            var tool = await db.Tools.SingleAsync(t => t.Id == id, cancellationToken);
            if (tool.PausedReason is not null || tool.IsRetired)
            {
                return null; // already stopped
            }
            var pause = Pausing.New(actor, audit.Clock, reason, toolId: id, triggerId: triggerId, incidentId: incident?.Id, eventKey: eventKey);
            if (setting.Action == TriggerAction.ProposeToCompliance)
            {
                await Pausing.ProposeAsync(db, audit, actor, pause, ToolCatalog.EntityType, tool.Id.ToString(), tool.Name, cancellationToken);
                return $"The risk trigger “{title}” proposes to compliance to pause “{tool.Name}” and every workflow using it.";
            }
            var count = await Pausing.ApplyToToolAsync(db, audit, actor, pause, tool, cancellationToken);
            return $"The risk trigger “{title}” paused “{tool.Name}” and the {count} workflow(s) using it.";
        }
        var workflow = await db.Workflows.SingleAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow.IsRetired)
        {
            return null;
        }
        var workflowPause = Pausing.New(actor, audit.Clock, reason, workflowId: workflow.Id, triggerId: triggerId, incidentId: incident?.Id,
            eventKey: eventKey);
        if (setting.Action == TriggerAction.ProposeToCompliance)
        {
            await Pausing.ProposeAsync(db, audit, actor, workflowPause, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name,
                cancellationToken);
            return $"The risk trigger “{title}” proposes to compliance to pause “{workflow.Name}”.";
        }
        await Pausing.ApplyToWorkflowAsync(db, audit, actor, workflowPause, workflow, null, cancellationToken);
        return $"The risk trigger “{title}” paused “{workflow.Name}”: staff are told not to use it.";
    }
}

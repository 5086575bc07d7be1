using System.Globalization;
using System.Security.Claims;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.ImportExport.Export;

public sealed partial class InventoryExporter
{
    /// <summary>
    /// The agents as a file, by name, under the import fields' labels (<see cref="ImportFields.Agent"/>), so the file imports again
    /// with the "AiPolicyHub export: AI agents" preset — here or into another instance that has the same tools, connectors and workflows.
    /// </summary>
    public async Task<Result<string>> ExportAgentsAsync(ClaimsPrincipal principal, bool includeRetired, ExportFormat format, Stream output,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return Result<string>.Failure(NotAllowed);
        }
        var names = await ExportNames.LoadAsync(db, cancellationToken);
        var connectors = await db.Connectors.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var workflows = await db.Workflows.AsNoTracking().Where(w => db.AgentWorkflows.Any(l => l.WorkflowId == w.Id))
            .ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var fields = ImportFields.Agent;
        var agents = db.Agents.AsNoTracking().Where(a => includeRetired || a.Status != WorkflowStatus.Retired)
            .Include(a => a.Connectors).Include(a => a.Checkpoints).Include(a => a.Workflows).OrderBy(a => a.Name).ThenBy(a => a.Id).AsSplitQuery();
        using (var writer = TableWriter.Create(format, output, fields.Select(f => f.Label).ToList(), Numeric(fields), "AI agents"))
        {
            await foreach (var a in agents.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                writer.WriteRow(Row(a, names, connectors, workflows));
            }
        }
        return Result.Success(FileName("ai-agents", format));
    }

    /// <summary>An agent's cells in the order of <see cref="ImportFields.Agent"/>, in the words the importer reads back.</summary>
    public static string[] Row(Agent a, ExportNames names, IReadOnlyDictionary<int, string> connectors, IReadOnlyDictionary<int, string> workflows) =>
    [
        a.Name,
        names.Department(a.DepartmentId),
        names.Person(a.OwnerId),
        a.Purpose,
        names.Tool(a.ToolId),
        Flags(a.Permissions),
        string.Join("; ", a.Connectors.Select(c => connectors.GetValueOrDefault(c.ConnectorId, "")).Order(StringComparer.Ordinal)),
        EnumText.Of(a.Autonomy),
        string.Join("; ", a.Checkpoints.OrderBy(c => c.Permission)
            .Select(c => EnumText.Of(c.Permission) + ImportFields.CheckpointSeparator + c.Approver)),
        string.Join("; ", a.Workflows.Select(w => workflows.GetValueOrDefault(w.WorkflowId, "")).Order(StringComparer.Ordinal)),
        names.Classification(a.DataClassificationId),
        a.LastActivityOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        EnumText.Of(a.Status),
        EnumText.Of(a.OperatorRole),
    ];
}

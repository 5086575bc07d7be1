using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>One connector as the connectors list shows it.</summary>
public sealed record ConnectorListItem(int Id, string Name, ConnectorKind Kind, string Vendor, string Endpoint, string Classification,
    ToolApprovalStatus ApprovalStatus, string? PausedReason, int AgentCount);

/// <summary>
/// The connector use cases (MCP servers and other tool servers): list, read, create, edit. A manager proposes connectors and
/// edits proposed ones; approving, restricting, prohibiting or retiring one — and changing one compliance has decided on —
/// is a compliance officer's or an administrator's. Pausing is <see cref="Incidents.PauseRegister.PauseConnectorAsync"/>.
/// </summary>
public sealed class ConnectorCatalog(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "Connector";

    public async Task<IReadOnlyList<ConnectorListItem>> ListAsync(bool includeRetired = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connectors = db.Connectors.AsNoTracking();
        if (!includeRetired)
        {
            connectors = connectors.Where(c => c.ApprovalStatus != ToolApprovalStatus.Retired);
        }
        return await connectors.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new ConnectorListItem(c.Id, c.Name, c.Kind, c.Vendor, c.Endpoint, c.DataClassification!.Name, c.ApprovalStatus, c.PausedReason,
                db.AgentConnectors.Count(l => l.ConnectorId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<ConnectorForm?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connector = await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return connector is null ? null : ConnectorForm.From(connector);
    }

    /// <summary>The agents using the connector (a pause of the connector stops them).</summary>
    public async Task<IReadOnlyList<(int Id, string Name, WorkflowStatus Status)>> AgentsUsingAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => a.Connectors.Any(c => c.ConnectorId == id)).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.Status }).ToListAsync(cancellationToken);
        return [.. agents.Select(a => (a.Id, a.Name, a.Status))];
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a connector: the one step the page and the API take.</summary>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, int? id, ConnectorForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.CanEditTools)
        {
            return SaveOutcome.Forbidden("Your role can read the inventory but not change it.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Connector? connector = null;
        if (id is { } existing)
        {
            connector = await db.Connectors.SingleOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (connector is null)
            {
                return SaveOutcome.NotFound;
            }
            if (connector.Version != form.Version)
            {
                return new SaveOutcome(SaveStatus.Conflict, connector.Id, connector.Version,
                    Message: "Someone saved this connector while you were editing it. Nothing of yours was saved yet; look at it again.");
            }
        }
        var stored = connector is null ? null : ConnectorForm.From(connector);
        var errors = Validate(form, (await db.ClassificationLevels.Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet(),
            (await db.Users.Where(u => !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet());
        if (Refusal(actor, stored, form) is { } refusal)
        {
            errors.Add(nameof(ConnectorForm.ApprovalStatus), refusal);
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: string.Join(" ", errors.All));
        }
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var changes = AuditTrail.Diff(stored is null ? [] : Describe(stored, names), Describe(form, names));
        if (stored is not null && changes.Count == 0)
        {
            return new SaveOutcome(SaveStatus.Saved, connector!.Id, connector.Version);
        }
        connector ??= db.Connectors.Add(new Connector()).Entity;
        form.ApplyTo(connector);
        connector.Version = form.Version + 1;
        db.Entry(connector).Property(c => c.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, connector.Id, Message: "Someone saved this connector meanwhile; look at it again.");
        }
        var action = stored is null ? AuditAction.Created
            : form.ApprovalStatus == ToolApprovalStatus.Retired && stored.ApprovalStatus != ToolApprovalStatus.Retired ? AuditAction.Retired
            : AuditAction.Changed;
        await audit.AppendAsync(db, actor, EntityType, connector.Id.ToString(), connector.Name, action, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        string? message = null;
        if (stored is not null
            && ConnectorChanges.Between(stored, form, names, await Approvals.MaterialChanges.ClassificationRanksAsync(db, cancellationToken)) is { Count: > 0 } reasons
            && await ConnectorChanges.ReopenAgentsUsingAsync(db, audit, actor, connector, reasons, cancellationToken) is var reopened and > 0)
        {
            message = ConnectorChanges.Reopened(reasons, reopened);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, connector.Id, connector.Version, Message: message);
    }

    /// <summary>Why <paramref name="actor"/> may not make this change to the connector's status or content, or null. Pure.</summary>
    public static string? Refusal(Actor actor, ConnectorForm? stored, ConnectorForm wanted)
    {
        if (actor.IsComplianceOrAdmin)
        {
            return null;
        }
        if (stored is not null && Approvals.ToolSave.IsDecided(stored.ApprovalStatus))
        {
            return "Compliance has decided on this connector: only a compliance officer or an administrator can change it.";
        }
        var from = stored?.ApprovalStatus ?? ToolApprovalStatus.Proposed;
        var allowed = wanted.ApprovalStatus == from
            || (from == ToolApprovalStatus.Proposed && wanted.ApprovalStatus == ToolApprovalStatus.Retired && stored is not null)
            || (from == ToolApprovalStatus.Retired && wanted.ApprovalStatus == ToolApprovalStatus.Proposed);
        return allowed ? null : stored is null
            ? "Only a compliance officer can approve or prohibit a connector; a new connector starts as proposed."
            : "Only a compliance officer can approve, restrict or prohibit a connector; a manager proposes connectors and retires their own proposals.";
    }

    public static ValidationErrors Validate(ConnectorForm form, IReadOnlySet<int> levels, IReadOnlySet<string> users)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(form.Name), form.Name, "a name", 200);
        errors.MaxLength(nameof(form.Endpoint), form.Endpoint, "the endpoint", 500);
        errors.MaxLength(nameof(form.Vendor), form.Vendor, "the vendor", 200);
        errors.MaxLength(nameof(form.ToolsExposed), form.ToolsExposed, "the tools it exposes", 4000);
        errors.MaxLength(nameof(form.Notes), form.Notes, "the notes", 4000);
        if (form.DataClassificationId is not { } level)
        {
            errors.Add(nameof(form.DataClassificationId), "Choose the most sensitive kind of data the connector reaches.");
        }
        else if (!levels.Contains(level))
        {
            errors.Add(nameof(form.DataClassificationId), "That classification level no longer exists.");
        }
        if (!string.IsNullOrEmpty(form.OwnerId) && !users.Contains(form.OwnerId))
        {
            errors.Add(nameof(form.OwnerId), "The owner must be a user of AiPolicyHub with an enabled account.");
        }
        if (!Enum.IsDefined(form.Kind) || !Enum.IsDefined(form.ApprovalStatus))
        {
            errors.Add(nameof(form.Kind), "Choose a kind and a status from the lists.");
        }
        return errors;
    }

    public static Dictionary<string, string> Describe(ConnectorForm f, InventoryNames names) => new(9)
    {
        [nameof(ConnectorForm.Name)] = f.Name.Trim(),
        [nameof(ConnectorForm.Kind)] = EnumText.Of(f.Kind),
        [nameof(ConnectorForm.Endpoint)] = f.Endpoint.Trim(),
        [nameof(ConnectorForm.Vendor)] = f.Vendor.Trim(),
        [nameof(ConnectorForm.ToolsExposed)] = f.ToolsExposed.Trim(),
        [nameof(ConnectorForm.DataClassificationId)] = names.Classification(f.DataClassificationId),
        [nameof(ConnectorForm.ApprovalStatus)] = EnumText.Of(f.ApprovalStatus),
        [nameof(ConnectorForm.OwnerId)] = names.Person(f.OwnerId),
        [nameof(ConnectorForm.Notes)] = f.Notes.Trim(),
    };
}

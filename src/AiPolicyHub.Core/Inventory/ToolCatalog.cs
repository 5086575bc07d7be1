using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

public sealed record ToolListItem(
    int Id, string Name, string Vendor, string ModelVersion, ToolDeployment Deployment, ToolApprovalStatus ApprovalStatus,
    string MaxClassification, int MaxClassificationRank, VendorTraining TrainsOnOurData, bool HasDataProcessingAgreement, int WorkflowCount,
    ToolCapabilities Capabilities, string? PausedReason = null)
{
    public bool IsPaused => PausedReason is not null;
}

/// <summary>The AI tool use cases, each checked against the acting user on the server.</summary>
public sealed class ToolCatalog(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "AiTool";

    /// <summary>All tools (a business has tens, not thousands), retired ones only when asked for.</summary>
    public async Task<IReadOnlyList<ToolListItem>> ListAsync(bool includeRetired = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tools = db.Tools.AsNoTracking();
        if (!includeRetired)
        {
            tools = tools.Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired);
        }
        return await tools.OrderBy(t => t.Name)
            .Select(t => new ToolListItem(t.Id, t.Name, t.Vendor, t.ModelVersion, t.Deployment, t.ApprovalStatus,
                t.MaxClassification!.Name, t.MaxClassification.Rank, t.TrainsOnOurData, t.HasDataProcessingAgreement,
                db.WorkflowTools.Count(wt => wt.ToolId == t.Id && wt.Workflow!.Status != WorkflowStatus.Retired), t.Capabilities,
                t.PausedReason))
            .ToListAsync(cancellationToken);
    }

    public async Task<ToolForm?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tool is null ? null : ToolForm.From(tool);
    }

    public Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, int? id, ToolForm form, ToolForm? original = null,
        CancellationToken cancellationToken = default) =>
        SaveCoreAsync(principal, id, form, original, validate: true, cancellationToken);

    private async Task<SaveOutcome> SaveCoreAsync(ClaimsPrincipal principal, int? id, ToolForm form, ToolForm? original, bool validate,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.CanEditTools)
        {
            return SaveOutcome.Forbidden("Your role can read the inventory but not change it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        AiTool? tool = null;
        if (id is { } existingId)
        {
            tool = await db.Tools.SingleOrDefaultAsync(t => t.Id == existingId, cancellationToken);
            if (tool is null)
            {
                return SaveOutcome.NotFound;
            }
            if (tool.Version != form.Version)
            {
                return await ConflictAsync(db, tool, original, cancellationToken);
            }
        }

        var name = form.Name.Trim();
        var nameTaken = await InventoryNames.NameTakenAsync(db.Tools.Where(t => t.Id != (id ?? 0)).Select(t => t.Name), name, cancellationToken);
        var errors = validate
            ? InventoryValidation.Validate(form, await WorkflowInventory.ReferencesAsync(db, cancellationToken), actor, tool?.ApprovalStatus, nameTaken)
            : new ValidationErrors();
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }

        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var before = tool is null ? null : Describe(ToolForm.From(tool), names);
        if (before is not null && AuditTrail.Diff(before, Describe(form, names)).Count == 0)
        {
            // Nothing changed: no new version (which would make a colleague's open form conflict) and no empty audit entry.
            return new SaveOutcome(SaveStatus.Saved, tool!.Id, tool.Version);
        }
        var message = tool is null ? null : ProposeAgainIfTermsChanged(actor, ToolForm.From(tool), form);
        // What the approvals of the workflows using the tool relied on, and is changing now.
        var reopenReasons = tool is null ? []
            : MaterialChanges.Between(ToolForm.From(tool), form, names, await MaterialChanges.ClassificationRanksAsync(db, cancellationToken));
        var (statusBefore, trainingBefore) = (tool?.ApprovalStatus, tool?.TrainsOnOurData);
        tool ??= db.Tools.Add(new AiTool()).Entity;
        form.ApplyTo(tool);
        tool.Version = form.Version + 1;
        db.Entry(tool).Property(t => t.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync(fresh, await fresh.Tools.SingleAsync(t => t.Id == tool.Id, cancellationToken), original, cancellationToken);
        }

        var after = Describe(ToolForm.From(tool), names);
        var action = before is null ? AuditAction.Created
            : tool.IsRetired && before["Approval status"] != after["Approval status"] ? AuditAction.Retired
            : AuditAction.Changed;
        await audit.AppendAsync(db, actor, EntityType, tool.Id.ToString(), tool.Name, action, AuditTrail.Diff(before ?? [], after), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (reopenReasons.Count > 0
            && await WorkflowApprovals.ReopenWorkflowsUsingAsync(db, audit, actor, tool, reopenReasons, cancellationToken) is var reopened and > 0)
        {
            message = $"{message} {WorkflowApprovals.ReopenedByToolChange(reopenReasons, reopened)}".TrimStart();
        }
        // Its approval and vendor terms feed the risk of every workflow that uses it.
        await Risk.RiskIndex.UpdateAsync(db, db.Workflows.Where(w => w.Tools.Any(t => t.ToolId == tool.Id)), cancellationToken);
        // A tool becoming prohibited, or its vendor starting to train on our data, fires its risk trigger in this transaction.
        if (await Incidents.TriggerEvaluation.OnToolSavedAsync(db, audit, actor, tool, statusBefore, trainingBefore, cancellationToken) is { } fired)
        {
            message = $"{message} {fired}".TrimStart();
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version, Message: message);
    }

    /// <param name="loaded">The tool as the user saw it, to tell them what changed if someone saved in between.</param>
    public async Task<SaveOutcome> RetireAsync(ClaimsPrincipal principal, int id, int version, ToolForm? loaded = null,
        CancellationToken cancellationToken = default)
    {
        var form = await GetAsync(id, cancellationToken);
        if (form is null)
        {
            return SaveOutcome.NotFound;
        }
        form.Version = version;
        form.ApprovalStatus = ToolApprovalStatus.Retired;
        // Retiring changes nothing else, so it is not held up by fields that have since become invalid
        // (an owner who left, a rule tightened after the tool was recorded).
        return await SaveCoreAsync(principal, id, form, loaded, validate: false, cancellationToken);
    }

    /// <summary>
    /// Compliance's brake: a paused tool must not be used (every workflow using it is paused with it, in one transaction,
    /// and the checker answers "do not use — paused" with <paramref name="reason"/>) until it is restarted through its
    /// restart checklist (see <see cref="Incidents.PauseRegister"/>). It works whatever state the tool's other fields are in.
    /// </summary>
    public Task<SaveOutcome> PauseAsync(ClaimsPrincipal principal, int id, int version, string reason, CancellationToken cancellationToken = default) =>
        new Incidents.PauseRegister(contexts, audit).PauseToolAsync(principal, id, version, reason, cancellationToken);

    /// <summary>
    /// Signs off the restart of the tool's pause: a compliance officer other than the one who paused it, once every restart
    /// condition is met. Workflows that another pause still holds stay paused.
    /// </summary>
    public async Task<SaveOutcome> RestartAsync(ClaimsPrincipal principal, int id, int version, string? note = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tool is null)
        {
            return SaveOutcome.NotFound;
        }
        if (tool.Version != version)
        {
            return await ConflictAsync(db, tool, null, cancellationToken);
        }
        var pause = await db.Pauses.AsNoTracking().Where(p => p.ToolId == id && p.State == Incidents.PauseState.Active)
            .Select(p => new { p.Id, p.Version }).FirstOrDefaultAsync(cancellationToken);
        if (pause is null)
        {
            return new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version);
        }
        var outcome = await new Incidents.PauseRegister(contexts, audit).RestartAsync(principal, pause.Id, pause.Version, note, cancellationToken);
        return outcome.Status == SaveStatus.Saved
            ? outcome with { Id = tool.Id, Version = await db.Tools.Where(t => t.Id == id).Select(t => t.Version).SingleAsync(cancellationToken) }
            : outcome;
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    /// <summary>
    /// The approval was given for the terms recorded then: when someone other than compliance changes an approved tool's vendor
    /// terms or data limits, <paramref name="wanted"/> goes back to proposed, and the message says so; null when nothing changes.
    /// </summary>
    internal static string? ProposeAgainIfTermsChanged(Actor actor, ToolForm stored, ToolForm wanted)
    {
        if (actor.IsComplianceOrAdmin || stored.ApprovalStatus is not (ToolApprovalStatus.Approved or ToolApprovalStatus.ApprovedWithRestrictions)
            || wanted.ApprovalStatus != stored.ApprovalStatus || !ChangesVendorTerms(stored, wanted))
        {
            return null;
        }
        wanted.ApprovalStatus = ToolApprovalStatus.Proposed;
        return "Because the tool's vendor terms or data limits changed, it is proposed to compliance for approval again.";
    }

    private static bool ChangesVendorTerms(ToolForm stored, ToolForm wanted) =>
        stored.Deployment != wanted.Deployment || stored.Capabilities != wanted.Capabilities
        || stored.TrainsOnOurData != wanted.TrainsOnOurData || stored.RetentionDays != wanted.RetentionDays
        || stored.DataResidency.Trim() != wanted.DataResidency.Trim()
        || stored.HasDataProcessingAgreement != wanted.HasDataProcessingAgreement
        || stored.MaxClassificationId != wanted.MaxClassificationId;

    public static Dictionary<string, string> Describe(ToolForm f, InventoryNames names) => new()
    {
        ["Name"] = f.Name.Trim(),
        ["Vendor"] = f.Vendor.Trim(),
        ["Model or version"] = f.ModelVersion.Trim(),
        ["Deployment"] = EnumText.Of(f.Deployment),
        ["Capabilities"] = f.Capabilities == ToolCapabilities.None ? "None" : EnumText.Of(f.Capabilities),
        ["Trains on our data"] = EnumText.Of(f.TrainsOnOurData),
        ["Retention"] = f.RetentionDays is { } d ? $"{d} days" : "unknown",
        ["Data residency"] = f.DataResidency.Trim(),
        ["Data-processing agreement"] = f.HasDataProcessingAgreement ? "In place" : "None",
        ["Highest classification allowed"] = names.Classification(f.MaxClassificationId),
        ["Approval status"] = EnumText.Of(f.ApprovalStatus),
        ["Owner"] = names.Person(f.OwnerId),
        ["Notes"] = f.Notes.Trim(),
    };

    private static async Task<SaveOutcome> ConflictAsync(AppDbContext db, AiTool current, ToolForm? loaded, CancellationToken cancellationToken)
    {
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var conflict = await AuditTrail.ConflictAsync(db, EntityType, current.Id.ToString(), current.Version,
            loaded is null ? null : Describe(loaded, names), Describe(ToolForm.From(current), names), cancellationToken);
        return new SaveOutcome(SaveStatus.Conflict, current.Id, current.Version, Conflict: conflict,
            Message: $"{conflict.ChangedBy} saved this tool while you were editing it. Nothing of yours was saved yet.");
    }
}

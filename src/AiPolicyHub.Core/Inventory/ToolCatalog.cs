using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>A manager's change to a decided tool, awaiting compliance.</summary>
public sealed record ToolProposalView(int Id, int Version, string ProposedById, string ProposedBy, DateTime ProposedAt, IReadOnlyList<FieldChange> Changes);

public sealed record ToolListItem(
    int Id, string Name, string Vendor, string ModelVersion, ToolDeployment Deployment, ToolApprovalStatus ApprovalStatus,
    string MaxClassification, int MaxClassificationRank, VendorTraining TrainsOnOurData, bool HasDataProcessingAgreement, int? WorkflowCount,
    ToolCapabilities Capabilities, string? PausedReason = null)
{
    public bool IsPaused => PausedReason is not null;
}

/// <summary>The AI tool use cases, each checked against the acting user on the server.</summary>
public sealed class ToolCatalog(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, Incidents.PauseRegister pauses)
{
    public const string EntityType = "AiTool";

    /// <summary>All tools (a business has tens, not thousands), retired ones only when asked for.</summary>
    /// <param name="countWorkflows">
    /// False leaves <see cref="ToolListItem.WorkflowCount"/> null: a form's choice of tools needs no count, and counting
    /// reads every link of every tool (about a third of a second at 100,000 workflows, on every form and list that offers tools).
    /// </param>
    public async Task<IReadOnlyList<ToolListItem>> ListAsync(bool includeRetired = false, bool countWorkflows = true,
        CancellationToken cancellationToken = default)
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
                countWorkflows ? db.WorkflowTools.Count(wt => wt.ToolId == t.Id && wt.Workflow!.Status != WorkflowStatus.Retired) : null,
                t.Capabilities,
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
        if (actor is null)
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await SaveInAsync(db, actor, id, form, original, validate, cancellationToken);
        if (outcome is { Status: SaveStatus.Conflict, Conflict: null })
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync(fresh, await fresh.Tools.SingleAsync(t => t.Id == outcome.Id, cancellationToken), original, cancellationToken);
        }
        if (outcome.Status is SaveStatus.Saved or SaveStatus.Proposed)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    private const string ReadOnlyRole = "Your role can read the inventory but not change it.";

    /// <summary>
    /// The save itself, in the caller's context and transaction, which the caller commits when it comes back saved or proposed:
    /// the tool page, the API and a request approved as a tool (<see cref="Requests.UseRequests"/>) all come through here.
    /// A <see cref="SaveStatus.Conflict"/> without <see cref="SaveOutcome.Conflict"/> means someone saved the row first.
    /// </summary>
    internal async Task<SaveOutcome> SaveInAsync(AppDbContext db, Actor actor, int? id, ToolForm form, ToolForm? original, bool validate,
        CancellationToken cancellationToken)
    {
        if (!actor.CanEditTools)
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }
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
            ? InventoryValidation.Validate(form, await WorkflowInventory.ReferencesAsync(db, cancellationToken), nameTaken)
            : new ValidationErrors();
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }

        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var decision = ToolSave.Decide(actor, tool is null ? null : ToolForm.From(tool), form, names,
            await MaterialChanges.ClassificationRanksAsync(db, cancellationToken));
        switch (decision.Effect)
        {
            case ToolSaveEffect.Refused:
                return decision.Refusal!;
            case ToolSaveEffect.Unchanged:
                return new SaveOutcome(SaveStatus.Saved, tool!.Id, tool.Version);
            case ToolSaveEffect.Propose:
                await ProposeAsync(db, audit, actor, tool!, form, decision.Changes, cancellationToken);
                return new SaveOutcome(SaveStatus.Proposed, tool!.Id, tool.Version, Message: decision.Message);
        }
        return await StoreAsync(db, actor, tool, form, decision, cancellationToken);
    }

    /// <summary>
    /// Stores a decided save and does what follows it, in the caller's transaction: the audit entry, approved workflows that
    /// relied on what changed go back to compliance, their risk is re-assessed, and a risk trigger may fire.
    /// A <see cref="SaveStatus.Conflict"/> outcome (with the tool's id) when someone saved it first.
    /// </summary>
    private async Task<SaveOutcome> StoreAsync(AppDbContext db, Actor actor, AiTool? tool, ToolForm form, ToolSaveDecision decision,
        CancellationToken cancellationToken, IReadOnlyList<FieldChange>? extra = null)
    {
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
            return new SaveOutcome(SaveStatus.Conflict, tool.Id);
        }

        await audit.AppendAsync(db, actor, EntityType, tool.Id.ToString(), tool.Name, decision.Action, [.. decision.Changes, .. extra ?? []], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (statusBefore is null)
        {
            // Compliance hears of every new tool proposed to them.
            if (tool.ApprovalStatus == ToolApprovalStatus.Proposed)
            {
                Notifications.NotificationCenter.Add(db, audit.Clock, await Notifications.NotificationCenter.ComplianceOfficersAsync(db, cancellationToken),
                    Notifications.NotificationKind.AwaitingApproval, $"The AI tool “{tool.Name}” is proposed: approve, restrict or prohibit it",
                    $"/tools/{tool.Id}", actor.UserId);
                await db.SaveChangesAsync(cancellationToken);
            }
            return new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version);
        }
        string? message = null;
        if (decision.ReopenReasons.Count > 0
            && await WorkflowApprovals.ReopenWorkflowsUsingAsync(db, audit, actor, tool, decision.ReopenReasons, cancellationToken) is var reopened and > 0)
        {
            message = WorkflowApprovals.ReopenedByToolChange(decision.ReopenReasons, reopened);
        }
        // Its approval and vendor terms feed the risk of every workflow that uses it.
        await Risk.RiskIndex.UpdateAsync(db, db.Workflows.Where(w => w.Tools.Any(t => t.ToolId == tool.Id)), cancellationToken);
        // A tool becoming prohibited, or its vendor starting to train on our data, fires its risk trigger in this transaction.
        if (await Incidents.TriggerEvaluation.OnToolSavedAsync(db, audit, actor, tool, statusBefore, trainingBefore, cancellationToken) is { } fired)
        {
            message = $"{message} {fired}".TrimStart();
        }
        return new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version, Message: message);
    }

    /// <summary>Keeps a manager's change to a decided tool as a proposal, audits it and tells compliance. Part of the caller's transaction.</summary>
    internal static async Task<ToolChangeProposal> ProposeAsync(AppDbContext db, AuditTrail audit, Actor actor, AiTool tool, ToolForm form,
        IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken)
    {
        var proposal = new ToolChangeProposal
        {
            ToolId = tool.Id,
            BaseVersion = tool.Version,
            FormJson = System.Text.Json.JsonSerializer.Serialize(form),
            ChangesJson = AuditChain.Serialize(changes),
            ProposedById = actor.UserId,
            ProposedByName = actor.Name,
            ProposedAt = audit.Clock.GetUtcNow().UtcDateTime,
            State = ProposalState.Pending,
            Version = 1,
        };
        db.ToolChangeProposals.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, tool.Id.ToString(), tool.Name, AuditAction.ChangeProposed,
            [.. changes, new FieldChange(ProposalField, null, $"#{proposal.Id}")], cancellationToken);
        Notifications.NotificationCenter.Add(db, audit.Clock, await Notifications.NotificationCenter.ComplianceOfficersAsync(db, cancellationToken),
            Notifications.NotificationKind.AwaitingApproval, $"{actor.Name} proposes a change to the AI tool “{tool.Name}”", $"/tools/{tool.Id}", actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return proposal;
    }

    /// <summary>The history field naming the proposal an entry proposed, accepted or rejected.</summary>
    public const string ProposalField = "Proposal";

    /// <summary>The tool's proposals awaiting compliance, oldest first.</summary>
    public async Task<IReadOnlyList<ToolProposalView>> PendingProposalsAsync(int toolId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var proposals = await db.ToolChangeProposals.AsNoTracking().Where(p => p.ToolId == toolId && p.State == ProposalState.Pending)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return proposals.Select(p => new ToolProposalView(p.Id, p.Version, p.ProposedById, p.ProposedByName, p.ProposedAt,
            System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(p.ChangesJson, AuditTrail.Json) ?? [])).ToList();
    }

    /// <summary>
    /// A compliance officer or administrator other than its author accepts a proposal: the proposed form is saved as theirs,
    /// with everything a save does next. Refused as a conflict when the tool changed since the proposal was made.
    /// </summary>
    public Task<SaveOutcome> AcceptProposalAsync(ClaimsPrincipal principal, int proposalId, int version, string? note = null,
        CancellationToken cancellationToken = default) =>
        DecideProposalAsync(principal, proposalId, version, note, accept: true, cancellationToken);

    /// <summary>A compliance officer or administrator rejects a proposal, saying why; the tool stays as it is.</summary>
    public Task<SaveOutcome> RejectProposalAsync(ClaimsPrincipal principal, int proposalId, int version, string note,
        CancellationToken cancellationToken = default) =>
        DecideProposalAsync(principal, proposalId, version, note, accept: false, cancellationToken);

    private async Task<SaveOutcome> DecideProposalAsync(ClaimsPrincipal principal, int proposalId, int version, string? note, bool accept,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.IsComplianceOrAdmin)
        {
            return SaveOutcome.Forbidden("Only a compliance officer or an administrator decides on a proposed change to a tool.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var proposal = await db.ToolChangeProposals.SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        var tool = proposal is null ? null : await db.Tools.SingleOrDefaultAsync(t => t.Id == proposal.ToolId, cancellationToken);
        if (proposal is null || tool is null || proposal.State != ProposalState.Pending)
        {
            return SaveOutcome.NotFound with { Message = "This proposal is no longer awaiting a decision." };
        }
        if (proposal.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, tool.Id, tool.Version, Message: "Someone decided on this proposal while you were reading it.");
        }
        if (proposal.ProposedById == actor.UserId)
        {
            return SaveOutcome.Forbidden("You proposed this change, so another compliance officer or administrator decides on it (separation of duties).");
        }
        var text = note?.Trim() ?? "";
        if (!accept && text.Length == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("Note", "Say why the proposal is rejected: its author reads it.");
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: "Say why the proposal is rejected: its author reads it.");
        }
        proposal.State = accept ? ProposalState.Accepted : ProposalState.Rejected;
        proposal.DecidedById = actor.UserId;
        proposal.DecidedByName = actor.Name;
        proposal.DecidedAt = audit.Clock.GetUtcNow().UtcDateTime;
        proposal.DecisionNote = text.Length == 0 ? null : text[..Math.Min(text.Length, 2000)];
        proposal.Version++;
        var decided = new FieldChange(ProposalField, null, $"#{proposal.Id} by {proposal.ProposedByName}: {(accept ? "accepted" : "rejected")}"
            + (text.Length == 0 ? "" : $" — {text}"));
        if (!accept)
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, actor, EntityType, tool.Id.ToString(), tool.Name, AuditAction.ChangeRejected, [decided], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version, Message: "The proposal is rejected; the tool stays as it was.");
        }
        if (tool.Version != proposal.BaseVersion)
        {
            return new SaveOutcome(SaveStatus.Conflict, tool.Id, tool.Version,
                Message: "The tool changed after this proposal was made: reject it and ask for a new one on the tool as it is now.");
        }
        var form = System.Text.Json.JsonSerializer.Deserialize<ToolForm>(proposal.FormJson)!;
        form.Version = tool.Version;
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var decision = ToolSave.Decide(actor, ToolForm.From(tool), form, names, await MaterialChanges.ClassificationRanksAsync(db, cancellationToken));
        if (decision.Effect == ToolSaveEffect.Refused)
        {
            return decision.Refusal!;
        }
        var outcome = decision.Effect == ToolSaveEffect.Unchanged
            ? new SaveOutcome(SaveStatus.Saved, tool.Id, tool.Version)
            : await StoreAsync(db, actor, tool, form, decision, cancellationToken, [decided]);
        if (outcome.Status == SaveStatus.Conflict)
        {
            return new SaveOutcome(SaveStatus.Conflict, tool.Id, tool.Version, Message: "Someone saved this tool at the same moment; try again.");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome with { Message = $"The proposal is accepted and saved. {outcome.Message}".TrimEnd() };
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
        pauses.PauseToolAsync(principal, id, version, reason, cancellationToken);

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
        var outcome = await pauses.RestartAsync(principal, pause.Id, pause.Version, note, cancellationToken);
        return outcome.Status == SaveStatus.Saved
            ? outcome with { Id = tool.Id, Version = await db.Tools.Where(t => t.Id == id).Select(t => t.Version).SingleAsync(cancellationToken) }
            : outcome;
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    public static Dictionary<string, string> Describe(ToolForm f, InventoryNames names) => new()
    {
        [nameof(ToolForm.Name)] = f.Name.Trim(),
        [nameof(ToolForm.Vendor)] = f.Vendor.Trim(),
        [nameof(ToolForm.ModelVersion)] = f.ModelVersion.Trim(),
        [nameof(ToolForm.Deployment)] = EnumText.Of(f.Deployment),
        [nameof(ToolForm.Capabilities)] = f.Capabilities == ToolCapabilities.None ? "None" : EnumText.Of(f.Capabilities),
        [nameof(ToolForm.TrainsOnOurData)] = EnumText.Of(f.TrainsOnOurData),
        [nameof(ToolForm.RetentionDays)] = f.RetentionDays is { } d ? $"{d} days" : "unknown",
        [nameof(ToolForm.DataResidency)] = f.DataResidency.Trim(),
        [nameof(ToolForm.HasDataProcessingAgreement)] = f.HasDataProcessingAgreement ? "In place" : "None",
        [nameof(ToolForm.MaxClassificationId)] = names.Classification(f.MaxClassificationId),
        [nameof(ToolForm.ApprovalStatus)] = EnumText.Of(f.ApprovalStatus),
        [nameof(ToolForm.OwnerId)] = names.Person(f.OwnerId),
        [nameof(ToolForm.Notes)] = f.Notes.Trim(),
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

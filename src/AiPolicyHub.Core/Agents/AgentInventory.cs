using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>One agent as the agents list shows it, with its findings and risk as the rules see it now.</summary>
public sealed record AgentListItem(int Id, string Name, string Department, string Tool, AgentAutonomy Autonomy, AgentPermissions Permissions,
    IReadOnlyList<string> Connectors, WorkflowStatus Status, DateOnly? LastActivityOn, IReadOnlyList<RuleFinding> Findings, RiskPoint Risk, RiskTier Tier);

/// <summary>
/// The agent use cases — list, read, create, edit, retire, submit, approve, reject, record activity — each checked against
/// the acting user on the server and audited in its own transaction. Every write path (the page, the API) comes through
/// <see cref="SaveInAsync"/>, so a material change sends an approved agent back for approval whichever way it arrives.
/// </summary>
public sealed partial class AgentInventory(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, RuleSettingsStore ruleSettings,
    RiskSettings riskSettings, InventoryLookups inventoryLookups)
{
    public const string EntityType = AgentSave.EntityType;
    public const string CommentField = WorkflowApprovals.CommentField;
    private const string ReadOnlyRole = "Your role can read the inventory but not change it.";

    /// <summary>The rule engine and risk thresholds in force, for the page's live assessment.</summary>
    public async Task<(RuleEngine Engine, RiskThresholds Thresholds)> RulesAsync(CancellationToken cancellationToken = default) =>
        (await ruleSettings.EngineAsync(cancellationToken), await riskSettings.ThresholdsAsync(cancellationToken));

    public DateOnly Today => DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);

    public async Task<AgentLookups> LookupsAsync(CancellationToken cancellationToken = default)
    {
        var inventory = await inventoryLookups.LoadAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connectors = await db.Connectors.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new ConnectorOption(c.Id, c.Name, c.Kind, c.ApprovalStatus, c.PausedReason, c.DataClassification!.Rank, c.DataClassification.Name))
            .ToListAsync(cancellationToken);
        var workflows = await db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired).OrderBy(w => w.Name).Take(2000)
            .Select(w => new WorkflowOption(w.Id, w.Name, w.DepartmentId)).ToListAsync(cancellationToken);
        return new AgentLookups(inventory, connectors, workflows);
    }

    /// <summary>The agents (retired ones only when asked), each with its findings and risk now; a search matches the name or purpose.</summary>
    public async Task<IReadOnlyList<AgentListItem>> ListAsync(string? search = null, bool includeRetired = false, CancellationToken cancellationToken = default) =>
        (await PageAsync(new AgentListQuery(search, IncludeRetired: includeRetired, Take: 1000), cancellationToken)).Items;

    /// <summary>
    /// The rule subjects of stored agents (their classification loaded), with their tools and connectors read once for all;
    /// for the list and for any bulk evaluation.
    /// </summary>
    internal static async Task<IReadOnlyList<RuleSubject>> SubjectsAsync(AppDbContext db, IReadOnlyList<Agent> agents, CancellationToken cancellationToken)
    {
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToDictionaryAsync(t => t.Id, RuleTool.From, cancellationToken);
        var connectors = await db.Connectors.AsNoTracking()
            .ToDictionaryAsync(c => c.Id, c => new RuleConnector(c.Name, c.ApprovalStatus, c.PausedReason is not null), cancellationToken);
        return
        [
            .. agents.Select(a =>
            {
                var level = a.DataClassification ?? throw new InvalidOperationException($"Load the data classification of agent {a.Id}.");
                var checkpoints = AgentPermissions.None;
                foreach (var c in a.Checkpoints)
                {
                    checkpoints |= c.Permission;
                }
                return AgentRules.Subject(a.Name, a.Status, a.Permissions, a.Autonomy, checkpoints, level.Rank, level.Name,
                    tools.GetValueOrDefault(a.ToolId), [.. a.Connectors.Select(c => connectors[c.ConnectorId])], a.LastActivityOn, a.OwnerId is not null, a.Purpose,
                    a.InUseSince);
            }),
        ];
    }

    public async Task<AgentForm?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agent = await LoadAsync(db, id, tracking: false, cancellationToken);
        return agent is null ? null : AgentForm.From(agent);
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates an agent.</summary>
    /// <param name="original">The form as it was loaded, to tell the user what someone else changed on a conflict.</param>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, int? id, AgentForm form, AgentForm? original = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await SaveInAsync(db, actor, id, form, original, validate: true, cancellationToken);
        if (outcome is { Status: SaveStatus.Conflict, Conflict: null })
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync(fresh, (await LoadAsync(fresh, outcome.Id, tracking: false, cancellationToken))!, original, cancellationToken);
        }
        if (outcome.Status == SaveStatus.Saved)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    /// <summary>Retires an agent: it stays on record, hidden from the list by default.</summary>
    public async Task<SaveOutcome> RetireAsync(ClaimsPrincipal principal, int id, int version, CancellationToken cancellationToken = default)
    {
        var form = await GetAsync(id, cancellationToken);
        if (form is null)
        {
            return SaveOutcome.NotFound;
        }
        form.Version = version;
        form.Status = WorkflowStatus.Retired;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await SaveInAsync(db, actor, id, form, null, validate: false, cancellationToken);
        if (outcome.Status == SaveStatus.Saved)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    /// <summary>
    /// The save itself, in the caller's context and transaction (committed by the caller on <see cref="SaveStatus.Saved"/>): the
    /// one step every write path takes. A <see cref="SaveStatus.Conflict"/> without details means someone saved the row first.
    /// </summary>
    internal async Task<SaveOutcome> SaveInAsync(AppDbContext db, Actor actor, int? id, AgentForm form, AgentForm? original, bool validate,
        CancellationToken cancellationToken)
    {
        if (!(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }
        Agent? agent = null;
        if (id is { } existingId)
        {
            agent = await LoadAsync(db, existingId, tracking: true, cancellationToken);
            if (agent is null)
            {
                return SaveOutcome.NotFound;
            }
            if (!actor.CanEditWorkflowsOf(agent.DepartmentId))
            {
                return SaveOutcome.Forbidden("You can only change agents of your own department(s).");
            }
            if (agent.Version != form.Version)
            {
                return await ConflictAsync(db, agent, original, cancellationToken);
            }
        }
        var stored = agent is null ? null : AgentForm.From(agent);
        if (validate)
        {
            var errors = AgentSave.Validate(form, stored, await ReferencesAsync(db, form.WorkflowIds, cancellationToken), actor);
            if (!errors.IsEmpty)
            {
                return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: string.Join(" ", errors.All));
            }
        }
        var decision = AgentSave.Decide(new AgentSaveRequest(actor, stored, form,
            agent is null ? [] : await AuditTrail.HistoryAsync(db, EntityType, agent.Id.ToString(), cancellationToken),
            agent is null ? null : await AgentPausing.InForceAsync(db, agent.Id, cancellationToken),
            await AgentNames.LoadAsync(db, form.WorkflowIds.Concat(stored?.WorkflowIds ?? []), cancellationToken),
            await MaterialChanges.ClassificationRanksAsync(db, cancellationToken)));
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }
        if (decision.Unchanged)
        {
            return new SaveOutcome(SaveStatus.Saved, agent!.Id, agent.Version);
        }
        var wanted = form.Copy();
        wanted.Status = decision.Status;
        agent ??= db.Agents.Add(new Agent { CreatedOn = Today }).Entity;
        wanted.ApplyTo(agent);
        if (decision.Status == WorkflowStatus.Approved && stored?.Status != WorkflowStatus.Approved)
        {
            agent.ApprovedOn = Today;
        }
        agent.Version = form.Version + 1;
        db.Entry(agent).Property(a => a.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, agent.Id);
        }
        await audit.AppendAsync(db, actor, EntityType, agent.Id.ToString(), agent.Name, decision.Action, decision.Changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (decision.NotifyAwaitingApproval)
        {
            await AwaitingApprovalAsync(db, agent, actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        var message = decision.Message;
        if (decision.PermissionsAdded != AgentPermissions.None && agent.Status is not (WorkflowStatus.Retired or WorkflowStatus.Draft))
        {
            message = Join(message, await AgentTriggers.OnPermissionsAddedAsync(db, audit, actor, agent, decision.PermissionsAdded, cancellationToken));
        }
        return new SaveOutcome(SaveStatus.Saved, agent.Id, agent.Version, Message: message);
    }

    /// <summary>What the acting user may do with an agent's approval now; the page shows these buttons, the server checks again.</summary>
    public async Task<ApprovalActions> ActionsAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (actor is null || agent is null)
        {
            return ApprovalActions.None;
        }
        var history = await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
        var deciding = agent.Status == WorkflowStatus.Submitted && actor.IsComplianceOrAdmin;
        var refused = deciding ? SeparationOfDuties.RefusalFor(actor.UserId, history, AgentSave.ContentFields, AgentSave.Record) : null;
        return new ApprovalActions(
            CanSubmit: agent.Status is WorkflowStatus.Draft or WorkflowStatus.Rejected && actor.CanEditWorkflowsOf(agent.DepartmentId),
            CanDecide: deciding && refused is null, DecisionRefused: refused, CanReview: false,
            LastDecision: history.Where(e => e.Action is AuditAction.Approved or AuditAction.Rejected).MaxBy(e => e.Id) is { } decision
                ? new ApprovalDecision(decision.Action == AuditAction.Approved, decision.UserName, decision.At,
                    AuditTrail.ChangesOf(decision).FirstOrDefault(c => c.Field == CommentField)?.After)
                : null);
    }

    /// <summary>A manager of its department (or compliance) submits a draft or rejected agent for approval.</summary>
    public Task<SaveOutcome> SubmitAsync(ClaimsPrincipal principal, int id, int version, string? comment = null, CancellationToken cancellationToken = default) =>
        StepAsync(principal, id, version, comment, cancellationToken, (actor, agent, _) =>
            !actor.CanEditWorkflowsOf(agent.DepartmentId) ? SaveOutcome.Forbidden("Only a manager of its department or a compliance officer can submit this agent.")
            : agent.Status is not (WorkflowStatus.Draft or WorkflowStatus.Rejected)
                ? Invalid("Status", $"Only a draft or rejected agent can be submitted; this one is {EnumText.Of(agent.Status).ToLowerInvariant()}.")
            : CommentError(comment, required: false) is { } error ? Invalid(CommentField, error)
            : null,
            AuditAction.Submitted, WorkflowStatus.Submitted, "It is submitted to compliance for approval.");

    /// <summary>A compliance officer or administrator approves a submitted agent they neither created nor last changed.</summary>
    public Task<SaveOutcome> ApproveAsync(ClaimsPrincipal principal, int id, int version, string? comment = null, CancellationToken cancellationToken = default) =>
        StepAsync(principal, id, version, comment, cancellationToken, (actor, agent, history) => DecisionRefusal(actor, agent, history, comment, approve: true),
            AuditAction.Approved, WorkflowStatus.Approved, "It is approved.");

    /// <summary>A compliance officer or administrator rejects a submitted agent, saying why.</summary>
    public Task<SaveOutcome> RejectAsync(ClaimsPrincipal principal, int id, int version, string comment, CancellationToken cancellationToken = default) =>
        StepAsync(principal, id, version, comment, cancellationToken, (actor, agent, history) => DecisionRefusal(actor, agent, history, comment, approve: false),
            AuditAction.Rejected, WorkflowStatus.Rejected, "It is rejected; its managers see your comment in the history.");

    /// <summary>
    /// Records when the agent last acted (by hand or from the system running it, through the API): a manager of its department
    /// or compliance. It changes no approval, and a date older than the one recorded is kept as it is.
    /// </summary>
    public async Task<SaveOutcome> RecordActivityAsync(ClaimsPrincipal principal, int id, DateOnly on, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!actor.CanEditWorkflowsOf(agent.DepartmentId))
        {
            return SaveOutcome.Forbidden("You can only change agents of your own department(s).");
        }
        if (on < InventoryValidation.EarliestDate || on > Today.AddDays(1))
        {
            return Invalid(nameof(AgentForm.LastActivityOn), $"Enter a date between {InventoryValidation.EarliestDate:yyyy-MM-dd} and today.");
        }
        if (agent.LastActivityOn >= on)
        {
            return new SaveOutcome(SaveStatus.Saved, agent.Id, agent.Version, Message: "A later activity is recorded already.");
        }
        var before = agent.LastActivityOn;
        agent.LastActivityOn = on;
        agent.Version++;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, agent.Id.ToString(), agent.Name, AuditAction.Changed,
            [new FieldChange(nameof(AgentForm.LastActivityOn), before?.ToString("yyyy-MM-dd") ?? "", on.ToString("yyyy-MM-dd"))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, agent.Id, agent.Version, Message: $"Its last activity is recorded as {on:d MMMM yyyy}.");
    }

    private static SaveOutcome? DecisionRefusal(Actor actor, Agent agent, IReadOnlyList<AuditEntry> history, string? comment, bool approve)
    {
        var verb = approve ? "approve" : "reject";
        return !actor.IsComplianceOrAdmin ? SaveOutcome.Forbidden($"Only a compliance officer or an administrator can {verb} an agent.")
            : agent.Status != WorkflowStatus.Submitted
                ? Invalid("Status", $"Only a submitted agent can be {verb}d; this one is {EnumText.Of(agent.Status).ToLowerInvariant()}.")
            : SeparationOfDuties.RefusalFor(actor.UserId, history, AgentSave.ContentFields, AgentSave.Record) is { } refusal ? SaveOutcome.Forbidden(refusal)
            : CommentError(comment, required: !approve) is { } error ? Invalid(CommentField, error)
            : null;
    }

    private async Task<SaveOutcome> StepAsync(ClaimsPrincipal principal, int id, int version, string? comment, CancellationToken cancellationToken,
        Func<Actor, Agent, IReadOnlyList<AuditEntry>, SaveOutcome?> refusal, AuditAction action, WorkflowStatus status, string message)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Your account can no longer make changes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agent = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (agent is null)
        {
            return SaveOutcome.NotFound;
        }
        if (agent.Version != version)
        {
            return await ConflictAsync(db, agent, null, cancellationToken);
        }
        var history = await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
        if (refusal(actor, agent, history) is { } refused)
        {
            return refused;
        }
        List<FieldChange> changes = [new FieldChange(nameof(AgentForm.Status), EnumText.Of(agent.Status), EnumText.Of(status))];
        if (!string.IsNullOrWhiteSpace(comment))
        {
            changes.Add(new FieldChange(CommentField, null, comment.Trim()));
        }
        agent.Status = status;
        agent.Version++;
        if (status == WorkflowStatus.Approved)
        {
            agent.ApprovedOn = Today;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, agent.Id, Message: "Someone changed this agent meanwhile; look at it again.");
        }
        await audit.AppendAsync(db, actor, EntityType, agent.Id.ToString(), agent.Name, action, changes, cancellationToken);
        if (status == WorkflowStatus.Submitted)
        {
            await AwaitingApprovalAsync(db, agent, actor, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, agent.Id, agent.Version, Message: message);
    }

    /// <summary>Tells compliance the agent waits for their decision; the caller saves it with its change.</summary>
    private async Task AwaitingApprovalAsync(AppDbContext db, Agent agent, Actor actor, CancellationToken cancellationToken) =>
        Notifications.NotificationCenter.Add(db, audit.Clock, await Notifications.NotificationCenter.ComplianceOfficersAsync(db, cancellationToken),
            Notifications.NotificationKind.AwaitingApproval, $"The agent “{agent.Name}” awaits your approval", $"/agents/{agent.Id}", actor.UserId);

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a} {b}";

    private static async Task<Agent?> LoadAsync(AppDbContext db, int id, bool tracking, CancellationToken cancellationToken)
    {
        var agents = tracking ? db.Agents : db.Agents.AsNoTracking();
        return await agents.Include(a => a.Connectors).Include(a => a.Checkpoints).Include(a => a.Workflows).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    private static async Task<AgentReferences> ReferencesAsync(AppDbContext db, IReadOnlyCollection<int> workflowIds, CancellationToken cancellationToken)
    {
        var ids = workflowIds.Distinct().ToList();
        return new AgentReferences(await WorkflowInventory.ReferencesAsync(db, cancellationToken),
            (await db.Connectors.Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet(),
            await db.Workflows.Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.DepartmentId, cancellationToken));
    }

    private static async Task<SaveOutcome> ConflictAsync(AppDbContext db, Agent current, AgentForm? loaded, CancellationToken cancellationToken)
    {
        var currentForm = AgentForm.From(current);
        var names = await AgentNames.LoadAsync(db, currentForm.WorkflowIds.Concat(loaded?.WorkflowIds ?? []), cancellationToken);
        var conflict = await AuditTrail.ConflictAsync(db, EntityType, current.Id.ToString(), current.Version,
            loaded is null ? null : AgentSave.Describe(loaded, names), AgentSave.Describe(currentForm, names), cancellationToken);
        return new SaveOutcome(SaveStatus.Conflict, current.Id, current.Version, Conflict: conflict,
            Message: $"{conflict.ChangedBy} saved this agent while you were editing it. Nothing of yours was saved yet.");
    }

    private static string? CommentError(string? comment, bool required)
    {
        var text = comment?.Trim() ?? "";
        return required && text.Length == 0 ? "Write a comment: it tells the agent's managers the reason."
            : text.Length > WorkflowApprovals.MaxCommentLength ? $"Keep the comment to {WorkflowApprovals.MaxCommentLength} characters or fewer (now {text.Length})."
            : null;
    }

    private static SaveOutcome Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: message);
    }
}

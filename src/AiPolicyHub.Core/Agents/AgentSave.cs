using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>Names for the ids an agent form holds (departments, levels, tools, people, connectors, workflows).</summary>
public sealed class AgentNames(InventoryNames inventory, IReadOnlyDictionary<int, string> connectors, IReadOnlyDictionary<int, string> workflows)
{
    public InventoryNames Inventory => inventory;
    public string Connector(int id) => connectors.GetValueOrDefault(id, $"#{id}");
    public string Workflow(int id) => workflows.GetValueOrDefault(id, $"#{id}");

    public static readonly AgentNames None = new(new InventoryNames(new Dictionary<int, string>(), new Dictionary<int, string>(),
        new Dictionary<int, string>(), new Dictionary<string, string>()), new Dictionary<int, string>(), new Dictionary<int, string>());

    /// <param name="workflowIds">Only the workflows the forms name are looked up (there may be 100,000).</param>
    public static async Task<AgentNames> LoadAsync(AppDbContext db, IEnumerable<int> workflowIds, CancellationToken cancellationToken)
    {
        var ids = workflowIds.Distinct().ToList();
        return new AgentNames(await InventoryNames.LoadAsync(db, cancellationToken),
            await db.Connectors.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken),
            await db.Workflows.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken));
    }
}

/// <summary>What exists in the database for an agent's references, and what the rules need about each.</summary>
/// <param name="WorkflowDepartments">Workflow id → its department, for the workflows a form names.</param>
public sealed record AgentReferences(InventoryReferences Inventory, IReadOnlySet<int> ConnectorIds, IReadOnlyDictionary<int, int> WorkflowDepartments);

/// <param name="Stored">The agent as stored, or null for a new one.</param>
/// <param name="PauseInForce">The reason of a pause in force on the agent, or null.</param>
public sealed record AgentSaveRequest(Actor? Actor, AgentForm? Stored, AgentForm Wanted, IReadOnlyList<AuditEntry> History,
    string? PauseInForce, AgentNames Names, IReadOnlyDictionary<int, int> ClassificationRanks);

/// <summary>What an agent save decided (see <see cref="WorkflowSaveDecision"/>, of which it is the agent's twin).</summary>
/// <param name="PermissionsAdded">Permissions the agent did not have before (a risk trigger watches for them).</param>
public sealed record AgentSaveDecision(SaveOutcome? Refusal, WorkflowStatus Status, AuditAction Action, IReadOnlyList<FieldChange> Changes,
    bool Unchanged, bool NotifyAwaitingApproval, IReadOnlyList<string> ReopenReasons, AgentPermissions PermissionsAdded, string? Message);

/// <summary>
/// The one decision of an agent save, for the page and the API: who may (a manager of its department, compliance, an
/// administrator), which status follows — the workflow lifecycle (<see cref="WorkflowLifecycle"/>), separation of duties
/// (<see cref="SeparationOfDuties"/>), a pause in force — and whether a material change (<see cref="Between"/>) sends an
/// approved agent back for approval. Pure.
/// </summary>
public static class AgentSave
{
    public const string EntityType = "Agent";
    public const string Record = "agent";

    /// <summary>The agent's recorded fields; a change to any of them (not to its status or last activity) makes someone its author.</summary>
    public static readonly IReadOnlySet<string> ContentFields = Describe(new AgentForm(), AgentNames.None).Keys
        .Where(f => f is not (nameof(AgentForm.Status) or nameof(AgentForm.LastActivityOn))).ToHashSet();

    public const string CreatingAsApproved =
        "A new agent cannot be created as approved: record it as a draft or submitted, and another compliance officer or "
        + "administrator approves it (separation of duties).";

    public const string ChangingWhileApproving =
        "You are changing this agent as you approve it: save your changes without approving, and another compliance officer or "
        + "administrator approves it (separation of duties).";

    public static AgentSaveDecision Decide(AgentSaveRequest request)
    {
        var (actor, stored, wanted) = (request.Actor, request.Stored, request.Wanted);
        if (actor is null || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return Refused(SaveOutcome.Forbidden("Your role can read the inventory but not change it."));
        }
        if (stored?.DepartmentId is { } department && !actor.CanEditWorkflowsOf(department))
        {
            return Refused(SaveOutcome.Forbidden("You can only change agents of your own department(s)."));
        }
        var before = stored is null ? null : Describe(stored, request.Names);
        var diff = AuditTrail.Diff(before ?? [], Describe(wanted, request.Names));
        if (before is not null && diff.Count == 0)
        {
            return new AgentSaveDecision(null, stored!.Status, AuditAction.Changed, [], true, false, [], AgentPermissions.None, null);
        }
        var from = stored?.Status;
        var status = wanted.Status;
        if (WorkflowLifecycle.Refusal(actor, from, status, request.PauseInForce, Record) is { } lifecycle)
        {
            return Invalid(lifecycle);
        }
        if (status == WorkflowStatus.Approved && from != WorkflowStatus.Approved)
        {
            var refusal = stored is null ? CreatingAsApproved
                : diff.Any(c => ContentFields.Contains(c.Field)) ? ChangingWhileApproving
                : SeparationOfDuties.RefusalFor(actor.UserId, request.History, ContentFields, Record);
            if (refusal is not null)
            {
                return Invalid(refusal);
            }
        }
        IReadOnlyList<string> reopen = [];
        string? message = null;
        var changes = diff;
        if (from == WorkflowStatus.Approved && status == WorkflowStatus.Approved)
        {
            // Compliance approved what the agent could do then: more reach or power needs their approval again, whoever adds it.
            reopen = Between(stored!, wanted, request.Names, request.ClassificationRanks);
            if (reopen.Count > 0)
            {
                status = WorkflowStatus.Submitted;
                var resubmitted = wanted.Copy();
                resubmitted.Status = status;
                changes = AuditTrail.Diff(before!, Describe(resubmitted, request.Names));
                changes.Add(new FieldChange(MaterialChanges.ReopenedField, null, string.Join("; ", reopen)));
                message = $"Because of {string.Join("; ", reopen)}, it is submitted to compliance for approval again.";
            }
        }
        var action = stored is null ? AuditAction.Created
            : status == WorkflowStatus.Retired && from != WorkflowStatus.Retired ? AuditAction.Retired
            : AuditAction.Changed;
        var added = stored is null ? AgentPermissions.None : wanted.Permissions & ~stored.Permissions;
        return new AgentSaveDecision(null, status, action, changes, false, status == WorkflowStatus.Submitted && from != WorkflowStatus.Submitted,
            reopen, added, message);
    }

    /// <summary>
    /// The changes that undo an agent's approval: a new connector, a new permission, more autonomy, more sensitive data, a
    /// human checkpoint taken away, or the organisation becoming its provider under the EU AI Act (the provider's duties —
    /// requirements, conformity assessment, registration, post-market monitoring — are far heavier than a deployer's, so
    /// compliance approves again). A clearer purpose, a new owner, a recorded activity or another role than provider (deployer,
    /// importer, distributor; audited all the same) keep it approved.
    /// </summary>
    public static IReadOnlyList<string> Between(AgentForm before, AgentForm after, AgentNames names, IReadOnlyDictionary<int, int> ranks)
    {
        var reasons = new List<string>();
        var connectors = after.ConnectorIds.Except(before.ConnectorIds).Select(names.Connector).Order().ToList();
        if (connectors.Count > 0)
        {
            reasons.Add($"{(connectors.Count == 1 ? "a new connector" : "new connectors")} ({string.Join(", ", connectors)})");
        }
        if ((after.Permissions & ~before.Permissions) is var added and not AgentPermissions.None)
        {
            reasons.Add($"{(IsSingle(added) ? "a new permission" : "new permissions")} ({EnumText.Of(added)})");
        }
        if (after.Autonomy > before.Autonomy)
        {
            reasons.Add($"more autonomy ({EnumText.Of(before.Autonomy)} → {EnumText.Of(after.Autonomy)})");
        }
        if (Rank(ranks, after.DataClassificationId) > Rank(ranks, before.DataClassificationId))
        {
            reasons.Add($"more sensitive data ({names.Inventory.Classification(before.DataClassificationId)} → {names.Inventory.Classification(after.DataClassificationId)})");
        }
        if (after.ToolId != before.ToolId)
        {
            reasons.Add($"it runs on another AI tool ({names.Inventory.Tool(before.ToolId ?? 0)} → {names.Inventory.Tool(after.ToolId ?? 0)})");
        }
        if ((before.CheckpointedPermissions & ~after.CheckpointedPermissions) is var dropped and not AgentPermissions.None)
        {
            reasons.Add($"fewer human checkpoints (no longer approved by a person: {EnumText.Of(dropped)})");
        }
        if (after.OperatorRole == OperatorRole.Provider && before.OperatorRole != OperatorRole.Provider)
        {
            reasons.Add($"the organisation becomes its provider under the EU AI Act (it was its {EnumText.Of(before.OperatorRole).ToLowerInvariant()})");
        }
        return reasons;
    }

    /// <summary>An agent's fields by key, in the words of the agent page, for its history and conflicts.</summary>
    public static Dictionary<string, string> Describe(AgentForm f, AgentNames names) => new(14)
    {
        [nameof(AgentForm.Name)] = f.Name.Trim(),
        [nameof(AgentForm.Purpose)] = f.Purpose.Trim(),
        [nameof(AgentForm.DepartmentId)] = names.Inventory.Department(f.DepartmentId),
        [nameof(AgentForm.OwnerId)] = names.Inventory.Person(f.OwnerId),
        [nameof(AgentForm.ToolId)] = f.ToolId is { } tool ? names.Inventory.Tool(tool) : "",
        [nameof(AgentForm.Permissions)] = f.Permissions == AgentPermissions.None ? "None" : EnumText.Of(f.Permissions),
        [nameof(AgentForm.Autonomy)] = EnumText.Of(f.Autonomy),
        [nameof(AgentForm.ConnectorIds)] = string.Join(", ", f.ConnectorIds.Distinct().Select(names.Connector).Order()),
        [nameof(AgentForm.Checkpoints)] = string.Join("; ", f.Checkpoints.OrderBy(c => c.Permission)
            .Select(c => $"{EnumText.Of(c.Permission)}: {c.Approver.Trim()}")),
        [nameof(AgentForm.WorkflowIds)] = string.Join(", ", f.WorkflowIds.Distinct().Select(names.Workflow).Order()),
        [nameof(AgentForm.DataClassificationId)] = names.Inventory.Classification(f.DataClassificationId),
        [nameof(AgentForm.LastActivityOn)] = f.LastActivityOn?.ToString("yyyy-MM-dd") ?? "",
        [nameof(AgentForm.OperatorRole)] = EnumText.Of(f.OperatorRole),
        [nameof(AgentForm.Status)] = EnumText.Of(f.Status),
    };

    /// <summary>The rules an agent form must meet before it is stored. Pure.</summary>
    /// <param name="stored">The agent as stored, so links kept from before are not checked against the actor's departments again.</param>
    public static ValidationErrors Validate(AgentForm form, AgentForm? stored, AgentReferences refs, Actor actor)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(form.Name), form.Name, "a name", 200);
        errors.Required(nameof(form.Purpose), form.Purpose, "the purpose: what the agent does and why", Agent.PurposeMaxLength);
        if (form.DepartmentId is not { } department)
        {
            errors.Add(nameof(form.DepartmentId), "Choose the department.");
        }
        else if (!refs.Inventory.DepartmentIds.Contains(department))
        {
            errors.Add(nameof(form.DepartmentId), "That department no longer exists.");
        }
        else if (!actor.CanEditWorkflowsOf(department))
        {
            errors.Add(nameof(form.DepartmentId), "You can only record agents for your own department(s).");
        }
        if (!string.IsNullOrEmpty(form.OwnerId) && !refs.Inventory.UserIds.Contains(form.OwnerId))
        {
            errors.Add(nameof(form.OwnerId), "The owner must be a user of AiPolicyHub with an enabled account.");
        }
        if (form.ToolId is not { } tool)
        {
            errors.Add(nameof(form.ToolId), "Choose the AI tool or model the agent runs on.");
        }
        else if (!refs.Inventory.ToolIds.Contains(tool))
        {
            errors.Add(nameof(form.ToolId), "That AI tool no longer exists.");
        }
        if (form.DataClassificationId is not { } level)
        {
            errors.Add(nameof(form.DataClassificationId), "Choose the most sensitive kind of data the agent reaches.");
        }
        else if (!refs.Inventory.ClassificationIds.Contains(level))
        {
            errors.Add(nameof(form.DataClassificationId), "That classification level no longer exists.");
        }
        if ((form.Permissions & ~AllPermissions) != 0)
        {
            errors.Add(nameof(form.Permissions), "Choose permissions from the list.");
        }
        if (!Enum.IsDefined(form.Autonomy))
        {
            errors.Add(nameof(form.Autonomy), "Choose how far the agent acts on its own.");
        }
        if (!Enum.IsDefined(form.OperatorRole))
        {
            errors.Add(nameof(form.OperatorRole), "Choose the organisation's role for the agent under the EU AI Act (deployer, provider, importer or distributor).");
        }
        foreach (var connector in form.ConnectorIds.Where(c => !refs.ConnectorIds.Contains(c)))
        {
            errors.Add(nameof(form.ConnectorIds), $"Connector #{connector} no longer exists.");
        }
        foreach (var checkpoint in form.Checkpoints)
        {
            if (!IsSingle(checkpoint.Permission) || (checkpoint.Permission & ~AllPermissions) != 0)
            {
                errors.Add(nameof(form.Checkpoints), "A checkpoint covers one permission from the list.");
            }
            else if (!form.Permissions.HasFlag(checkpoint.Permission))
            {
                errors.Add(nameof(form.Checkpoints), $"The agent does not have the permission “{EnumText.Of(checkpoint.Permission)}”: remove its checkpoint.");
            }
            if (string.IsNullOrWhiteSpace(checkpoint.Approver))
            {
                errors.Add(nameof(form.Checkpoints), $"Say who approves “{EnumText.Of(checkpoint.Permission)}” (a role or a person).");
            }
            else if (checkpoint.Approver.Trim().Length > 200)
            {
                errors.Add(nameof(form.Checkpoints), "Keep each approver to 200 characters.");
            }
        }
        if (form.Checkpoints.GroupBy(c => c.Permission).Any(g => g.Count() > 1))
        {
            errors.Add(nameof(form.Checkpoints), "List each permission's checkpoint once.");
        }
        var linkedBefore = stored?.WorkflowIds.ToHashSet() ?? [];
        foreach (var workflow in form.WorkflowIds.Distinct())
        {
            if (!refs.WorkflowDepartments.TryGetValue(workflow, out var workflowDepartment))
            {
                errors.Add(nameof(form.WorkflowIds), $"Workflow #{workflow} no longer exists.");
            }
            else if (!linkedBefore.Contains(workflow) && !actor.CanEditWorkflowsOf(workflowDepartment))
            {
                errors.Add(nameof(form.WorkflowIds), "You can only link workflows of your own department(s).");
            }
        }
        if (form.LastActivityOn is { } date && (date < InventoryValidation.EarliestDate || date > InventoryValidation.LatestDate))
        {
            errors.Add(nameof(form.LastActivityOn), $"Enter a date between {InventoryValidation.EarliestDate:yyyy-MM-dd} and {InventoryValidation.LatestDate:yyyy-MM-dd}.");
        }
        return errors;
    }

    public const AgentPermissions AllPermissions = AgentPermissions.ReadData | AgentPermissions.WriteData | AgentPermissions.SendOutside
        | AgentPermissions.SpendMoney | AgentPermissions.ChangeCode | AgentPermissions.ActOnPeople;

    public static bool IsSingle(AgentPermissions permission) => permission != 0 && (permission & (permission - 1)) == 0;

    private static int Rank(IReadOnlyDictionary<int, int> ranks, int? id) => id is { } key ? ranks.GetValueOrDefault(key) : 0;

    private static AgentSaveDecision Refused(SaveOutcome refusal) =>
        new(refusal, default, default, [], false, false, [], AgentPermissions.None, refusal.Message);

    private static AgentSaveDecision Invalid(string message)
    {
        var errors = new ValidationErrors();
        errors.Add(nameof(AgentForm.Status), message);
        return Refused(new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: message));
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>The workflow use cases: list, read, create, edit, retire — each checked against the acting user on the server.</summary>
public sealed class WorkflowInventory(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "Workflow";

    /// <summary>The most workflows one selection (a bulk action, an exported selection) may name.</summary>
    public const int MaxSelection = 500;

    public Task<Page<WorkflowListItem>> ListAsync(WorkflowListQuery query, CancellationToken cancellationToken = default) =>
        ListAsync(contexts, query, cancellationToken);

    /// <summary>The list over any context factory (the benchmark's --explain records the SQL through its own).</summary>
    public static async Task<Page<WorkflowListItem>> ListAsync(IDbContextFactory<AppDbContext> contexts, WorkflowListQuery query,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One connection for both queries (COUNT and page): each opening runs the connection's set-up again
        // (PRAGMA foreign_keys, EF Core's SQL functions).
        await db.Database.OpenConnectionAsync(cancellationToken);
        // The compiled queries cover the everyday filters; a search, the dashboard's risk filters and the overdue
        // reviews (rarer, or short lists) use LINQ.
        return query.IsCompiled
            ? await CompiledWorkflowList.ListAsync(db, query, cancellationToken)
            : await ListWithLinqAsync(db, query, cancellationToken);
    }

    /// <summary>
    /// The list as a LINQ query, translated on each call: used for a search (where the full-text match costs far more
    /// than the translation), and the reference that <see cref="CompiledWorkflowList"/> is tested against.
    /// </summary>
    internal static async Task<Page<WorkflowListItem>> ListWithLinqAsync(AppDbContext db, WorkflowListQuery query,
        CancellationToken cancellationToken)
    {
        var workflows = Filter(db, db.Workflows.AsNoTracking(), query);
        var total = await workflows.CountAsync(cancellationToken);
        var rows = from w in Sort(workflows, query)
                   join owner in db.Users on w.OwnerId equals owner.Id into owners
                   from owner in owners.DefaultIfEmpty()
                   select new WorkflowListItem(w.Id, w.Name, w.Department!.Name, w.Stage, w.Status,
                       w.DataClassification!.Name, w.DataClassification.Rank, w.Autonomy, w.Audience, w.Oversight,
                       w.NextReviewDate, owner != null ? owner.DisplayName : null, w.RiskScore, w.RiskTier);
        var items = await rows.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(cancellationToken);
        return new Page<WorkflowListItem>(items, total);
    }

    internal static IQueryable<Workflow> Filter(AppDbContext db, IQueryable<Workflow> workflows, WorkflowListQuery query)
    {
        if (!query.IncludeRetired && query.Status != WorkflowStatus.Retired)
        {
            workflows = workflows.Where(w => w.Status != WorkflowStatus.Retired);
        }
        // NUL cannot be stored in a name or purpose (PostgreSQL refuses it in text), so it matches nothing and is dropped.
        if (query.Search?.Replace("\0", "").Trim() is { Length: > 0 } search)
        {
            workflows = Search(db, workflows, search);
        }
        if (query.DepartmentId is { } department)
        {
            workflows = workflows.Where(w => w.DepartmentId == department);
        }
        if (query.Status is { } status)
        {
            workflows = workflows.Where(w => w.Status == status);
        }
        if (query.Stage is { } stage)
        {
            workflows = workflows.Where(w => w.Stage == stage);
        }
        if (query.ClassificationId is { } level)
        {
            workflows = workflows.Where(w => w.DataClassificationId == level);
        }
        if (query.Tier is { } tier)
        {
            workflows = workflows.Where(w => w.RiskTier == tier);
        }
        if (query.RiskLikelihood is { } likelihood)
        {
            workflows = workflows.Where(w => w.RiskLikelihood == likelihood);
        }
        if (query.RiskImpact is { } impact)
        {
            workflows = workflows.Where(w => w.RiskImpact == impact);
        }
        if (query.Ids is { } ids)
        {
            var selected = ids.Take(MaxSelection).ToList();
            workflows = workflows.Where(w => selected.Contains(w.Id));
        }
        if (query.ReviewOverdueOn is { } today)
        {
            workflows = workflows.Where(w => w.NextReviewDate < today && w.Status != WorkflowStatus.Retired);
        }
        return workflows;
    }

    /// <summary>Name or purpose contains the text, whatever its case.</summary>
    private static IQueryable<Workflow> Search(AppDbContext db, IQueryable<Workflow> workflows, string text)
    {
        // On SQLite the full-text index (migration WorkflowSearch) finds substrings of three characters or more in
        // any alphabet, whatever their case; shorter ones compare every row (where SQLite folds the case of A–Z only).
        // On PostgreSQL the lower-cased LIKE is served by that migration's trigram indexes.
        if (text.Length >= 3 && db.Database.IsSqlite())
        {
            var phrase = "\"" + text.Replace("\"", "\"\"") + "\"";
            var matches = db.Database.SqlQuery<int>(
                $"SELECT rowid AS \"Value\" FROM \"WorkflowSearch\" WHERE \"WorkflowSearch\" MATCH {phrase}");
            return workflows.Where(w => matches.Contains(w.Id));
        }
        return workflows.Where(LikePattern.AnyContains<Workflow>(db.Database, [text], w => w.Name, w => w.Purpose));
    }

    internal static IQueryable<Workflow> Sort(IQueryable<Workflow> workflows, WorkflowListQuery query)
    {
        var sorted = (query.Sort, query.Descending) switch
        {
            (WorkflowSort.Department, false) => workflows.OrderBy(w => w.Department!.Name),
            (WorkflowSort.Department, true) => workflows.OrderByDescending(w => w.Department!.Name),
            (WorkflowSort.Stage, false) => workflows.OrderBy(w => w.Stage),
            (WorkflowSort.Stage, true) => workflows.OrderByDescending(w => w.Stage),
            (WorkflowSort.Status, false) => workflows.OrderBy(w => w.Status),
            (WorkflowSort.Status, true) => workflows.OrderByDescending(w => w.Status),
            (WorkflowSort.Classification, false) => workflows.OrderBy(w => w.DataClassification!.Rank),
            (WorkflowSort.Classification, true) => workflows.OrderByDescending(w => w.DataClassification!.Rank),
            (WorkflowSort.NextReview, false) => workflows.OrderBy(w => w.NextReviewDate),
            (WorkflowSort.NextReview, true) => workflows.OrderByDescending(w => w.NextReviewDate),
            (WorkflowSort.Autonomy, false) => workflows.OrderBy(w => w.Autonomy),
            (WorkflowSort.Autonomy, true) => workflows.OrderByDescending(w => w.Autonomy),
            (WorkflowSort.Audience, false) => workflows.OrderBy(w => w.Audience),
            (WorkflowSort.Audience, true) => workflows.OrderByDescending(w => w.Audience),
            (WorkflowSort.RiskScore, false) => workflows.OrderBy(w => w.RiskScore),
            (WorkflowSort.RiskScore, true) => workflows.OrderByDescending(w => w.RiskScore),
            (WorkflowSort.RiskTier, false) => workflows.OrderBy(w => w.RiskTier),
            (WorkflowSort.RiskTier, true) => workflows.OrderByDescending(w => w.RiskTier),
            (_, true) => workflows.OrderByDescending(w => w.Name),
            _ => workflows.OrderBy(w => w.Name),
        };
        // A stable order, so paging never shows a row twice or skips one.
        return query.Sort == WorkflowSort.Name
            ? (query.Descending ? sorted.ThenByDescending(w => w.Id) : sorted.ThenBy(w => w.Id))
            : sorted.ThenBy(w => w.Name).ThenBy(w => w.Id);
    }

    public async Task<WorkflowForm?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().Include(w => w.Tools).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return workflow is null ? null : WorkflowForm.From(workflow);
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a workflow.</summary>
    /// <param name="original">The form as it was loaded, to tell the user what someone else changed on a conflict.</param>
    public Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, int? id, WorkflowForm form, WorkflowForm? original = null,
        CancellationToken cancellationToken = default) =>
        SaveCoreAsync(principal, id, form, original, validate: true, cancellationToken);

    private async Task<SaveOutcome> SaveCoreAsync(ClaimsPrincipal principal, int? id, WorkflowForm form, WorkflowForm? original, bool validate,
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
            var current = await fresh.Workflows.Include(w => w.Tools).SingleAsync(w => w.Id == outcome.Id, cancellationToken);
            return await ConflictAsync(fresh, current, original, cancellationToken);
        }
        if (outcome.Status == SaveStatus.Saved)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    private const string ReadOnlyRole = "Your role can read the inventory but not change it.";

    /// <summary>
    /// The save itself, in the caller's context and transaction, which the caller commits when it comes back
    /// <see cref="SaveStatus.Saved"/>: the page, the API and a request approved as a workflow (<see cref="Requests.UseRequests"/>)
    /// all come through here, so what a save decides is decided once. A <see cref="SaveStatus.Conflict"/> without
    /// <see cref="SaveOutcome.Conflict"/> means someone saved the row first (the caller rolls back and explains).
    /// </summary>
    internal async Task<SaveOutcome> SaveInAsync(AppDbContext db, Actor actor, int? id, WorkflowForm form, WorkflowForm? original, bool validate,
        CancellationToken cancellationToken)
    {
        if (!(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return SaveOutcome.Forbidden(ReadOnlyRole);
        }
        Workflow? workflow = null;
        if (id is { } existingId)
        {
            workflow = await db.Workflows.Include(w => w.Tools).SingleOrDefaultAsync(w => w.Id == existingId, cancellationToken);
            if (workflow is null)
            {
                return SaveOutcome.NotFound;
            }
            if (WorkflowSave.ScopeRefusal(actor, workflow.DepartmentId) is { } scope)
            {
                return SaveOutcome.Forbidden(scope);
            }
            if (workflow.Version != form.Version)
            {
                return await ConflictAsync(db, workflow, original, cancellationToken);
            }
        }

        var errors = validate
            ? InventoryValidation.Validate(form, await ReferencesAsync(db, cancellationToken), actor)
            : new ValidationErrors();
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }

        var decision = WorkflowSave.Decide(new WorkflowSaveRequest(actor, workflow is null ? null : WorkflowForm.From(workflow), form,
            workflow is null ? [] : await AuditTrail.HistoryAsync(db, EntityType, workflow.Id.ToString(), cancellationToken),
            workflow is null ? null : (await Incidents.Pausing.InForceAsync(db, [workflow.Id], cancellationToken)).GetValueOrDefault(workflow.Id),
            await InventoryNames.LoadAsync(db, cancellationToken), await MaterialChanges.ClassificationRanksAsync(db, cancellationToken)));
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }
        if (decision.Unchanged)
        {
            return new SaveOutcome(SaveStatus.Saved, workflow!.Id, workflow.Version);
        }
        var statusBefore = workflow?.Status;
        form.Status = decision.Status;
        workflow ??= db.Workflows.Add(new Workflow()).Entity;
        form.ApplyTo(workflow);
        workflow.Version = form.Version + 1;
        // The stored version must still be the one the user loaded when the row is written.
        db.Entry(workflow).Property(w => w.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, workflow.Id);
        }

        await audit.AppendAsync(db, actor, EntityType, workflow.Id.ToString(), workflow.Name, decision.Action, decision.Changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await Risk.RiskIndex.UpdateAsync(db, db.Workflows.Where(w => w.Id == workflow.Id), cancellationToken);
        if (decision.NotifyAwaitingApproval)
        {
            await Notifications.NotificationCenter.AwaitingApprovalAsync(db, audit.Clock, workflow, actor.UserId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (statusBefore == WorkflowStatus.Submitted && workflow.Status != WorkflowStatus.Submitted)
        {
            // Decided in the form (a compliance officer set the status): nobody else needs to act on it any more.
            await Notifications.NotificationCenter.ApprovalHandledAsync(db, audit.Clock, workflow.Id, cancellationToken);
        }
        return new SaveOutcome(SaveStatus.Saved, workflow.Id, workflow.Version, Message: decision.Message);
    }

    /// <summary>Retires a workflow: it stays on record, hidden from lists by default.</summary>
    /// <param name="loaded">The workflow as the user saw it, to tell them what changed if someone saved in between.</param>
    public async Task<SaveOutcome> RetireAsync(ClaimsPrincipal principal, int id, int version, WorkflowForm? loaded = null,
        CancellationToken cancellationToken = default)
    {
        var form = await GetAsync(id, cancellationToken);
        if (form is null)
        {
            return SaveOutcome.NotFound;
        }
        form.Version = version;
        form.Status = WorkflowStatus.Retired;
        // Retiring changes nothing else, so it is not held up by fields that have since become invalid
        // (an owner who left, a rule tightened after the workflow was recorded).
        return await SaveCoreAsync(principal, id, form, loaded, validate: false, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    /// <summary>A workflow's fields by key (<see cref="AuditFields"/>), in the words of the edit page, for history and conflicts.</summary>
    public static Dictionary<string, string> Describe(WorkflowForm f, InventoryNames names) => new(19) // one per field, so it never grows
    {
        [nameof(WorkflowForm.Name)] = f.Name.Trim(),
        [nameof(WorkflowForm.DepartmentId)] = names.Department(f.DepartmentId),
        [nameof(WorkflowForm.OwnerId)] = names.Person(f.OwnerId),
        [nameof(WorkflowForm.Purpose)] = f.Purpose.Trim(),
        [nameof(WorkflowForm.ToolIds)] = f.ToolIds.Count == 1 ? names.Tool(f.ToolIds[0]) : string.Join(", ", f.ToolIds.Select(names.Tool).Order()),
        [nameof(WorkflowForm.Stage)] = EnumText.Of(f.Stage),
        [nameof(WorkflowForm.Autonomy)] = EnumText.Of(f.Autonomy),
        [nameof(WorkflowForm.Audience)] = EnumText.Of(f.Audience),
        [nameof(WorkflowForm.AffectsPeople)] = f.AffectsPeople == PeopleImpact.None ? "No" : EnumText.Of(f.AffectsPeople),
        [nameof(WorkflowForm.DataClassificationId)] = names.Classification(f.DataClassificationId),
        [nameof(WorkflowForm.DataCategories)] = f.DataCategories == DataCategories.None ? "None" : EnumText.Of(f.DataCategories),
        [nameof(WorkflowForm.Oversight)] = EnumText.Of(f.Oversight),
        [nameof(WorkflowForm.SpotCheckPercent)] = f.Oversight == HumanOversight.SpotCheck && f.SpotCheckPercent is { } p ? $"{p} %" : "",
        [nameof(WorkflowForm.ApprovingRole)] = f.ApprovingRole.Trim(),
        [nameof(WorkflowForm.Controls)] = f.Controls == VerificationControls.None ? "None" : EnumText.Of(f.Controls),
        [nameof(WorkflowForm.MonthlyVolume)] = f.MonthlyVolume?.ToString("N0") ?? "",
        [nameof(WorkflowForm.ReviewCadenceMonths)] = $"every {f.ReviewCadenceMonths} months",
        [nameof(WorkflowForm.NextReviewDate)] = f.NextReviewDate?.ToString("yyyy-MM-dd") ?? "",
        [nameof(WorkflowForm.Status)] = EnumText.Of(f.Status),
    };

    internal static async Task<SaveOutcome> ConflictAsync(AppDbContext db, Workflow current, WorkflowForm? loaded, CancellationToken cancellationToken)
    {
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var conflict = await AuditTrail.ConflictAsync(db, EntityType, current.Id.ToString(), current.Version,
            loaded is null ? null : Describe(loaded, names), Describe(WorkflowForm.From(current), names), cancellationToken);
        return new SaveOutcome(SaveStatus.Conflict, current.Id, current.Version, Conflict: conflict,
            Message: $"{conflict.ChangedBy} saved this workflow while you were editing it. Nothing of yours was saved yet.");
    }

    internal static async Task<InventoryReferences> ReferencesAsync(AppDbContext db, CancellationToken cancellationToken) => new(
        (await db.Departments.Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet(),
        (await db.ClassificationLevels.Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet(),
        (await db.Tools.Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet(),
        (await db.Users.Where(u => !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet());
}

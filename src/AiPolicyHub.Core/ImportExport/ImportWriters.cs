using System.Globalization;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>Writes one batch of rows of one kind (workflows or tools) inside the import's transaction.</summary>
internal abstract class ImportTargetWriter(AppDbContext db, Actor actor, ImportLookups lookups, AuditChain chain, RowConversion conversion,
    InventoryImporter.Run run) : IAsyncDisposable
{
    protected AppDbContext Db => db;
    protected Actor Actor => actor;
    protected ImportLookups Lookups => lookups;
    protected AuditChain Chain => chain;
    protected RowConversion Conversion => conversion;
    protected InventoryImporter.Run Tally => run;
    public List<string> DepartmentsCreated { get; } = [];

    public abstract Task WriteBatchAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The row's problem from reading it, or a key already used by an earlier row; null when it may go on.</summary>
    protected ImportRowResult? Precheck(TableRow row, string key)
    {
        if (row.Problem is { } problem)
        {
            return new ImportRowResult(row.Number, RowOutcome.Rejected, key, "", [new ImportIssue(row.Number, "", IssueSeverity.Error, problem)]);
        }
        if (key.Length > 0 && !run.Keys.TryAdd(key, row.Number))
        {
            var what = Conversion.DescribeKey(key);
            return new ImportRowResult(row.Number, RowOutcome.Rejected, key, "",
                [new ImportIssue(row.Number, Conversion.KeyField, IssueSeverity.Error,
                    $"{char.ToUpperInvariant(what[0])}{what[1..]} is also in row {run.Keys[key]:N0}: each record may appear only once in a file.")]);
        }
        return null;
    }

    /// <summary>The warning for a new record without a key, which a second import of the file would add again; null when it has one.</summary>
    protected ImportIssue? NoKeyWarning(TableRow row, string key)
    {
        if (key.Length > 0 || Conversion.Match == ImportMatch.Name)
        {
            return null; // by name, a row without one is rejected anyway
        }
        var message = Conversion.UsesKeyColumns
            ? "The key columns are empty in this row: importing this file again will add this row again. Choose other key columns, or fill them in."
            : Conversion.IsMapped(ImportFieldKey.ExternalId)
                ? "No external id: importing this file again will add this row again."
                : "No column gives an id: importing this file again will add this row again. Match on another key (several columns combined, the name within its department, or a fingerprint).";
        return new ImportIssue(row.Number, Conversion.KeyField, IssueSeverity.Warning, message);
    }

    protected static ImportRowResult Rejected(TableRow row, string key, string name, IReadOnlyList<ImportIssue> issues) =>
        new(row.Number, RowOutcome.Rejected, key, name, issues);

    /// <summary>Adds the departments the rows name but the database lacks, when the mapping asks for it and the actor may.</summary>
    protected async Task CreateDepartmentsAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        var mapping = Conversion;
        if (!actor.IsComplianceOrAdmin || !CreatesDepartments)
        {
            return;
        }
        var missing = rows.Where(r => r.Problem is null)
            .Select(r => mapping.Raw(r, ImportFieldKey.Department)?.Trim() ?? "")
            .Where(n => n.Length is > 0 and <= 200 && !lookups.Departments.ContainsKey(n))
            .Distinct(StringComparer.InvariantCultureIgnoreCase).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var added = missing.Select(n => new Department { Name = n }).ToList();
        db.Departments.AddRange(added);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var d in added)
        {
            lookups.Departments[d.Name] = d.Id;
            lookups.Changed();
            DepartmentsCreated.Add(d.Name);
            await chain.AppendAsync("Department", d.Id.ToString(CultureInfo.InvariantCulture), d.Name, AuditAction.Created, [new FieldChange("Name", null, d.Name)], cancellationToken);
        }
    }

    public bool CreatesDepartments { get; init; }

    /// <summary>"AIPH-W-12": how an export names a record that has no external id of its own, so its re-import finds it.</summary>
    protected static int? OwnReference(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && int.TryParse(key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : null;
}

internal sealed class WorkflowWriter : ImportTargetWriter
{
    public const string ReferencePrefix = "AIPH-W-";
    private static readonly Dictionary<string, string> Empty = [];
    private static readonly string[] Columns =
        ["Name", "DepartmentId", "OwnerId", "Purpose", "Stage", "Autonomy", "Audience", "AffectsPeople", "DataClassificationId", "DataCategories",
         "Oversight", "SpotCheckPercent", "ApprovingRole", "Controls", "MonthlyVolume", "ReviewCadenceMonths", "NextReviewDate", "Status",
         "Version", "ExternalId", "RiskLikelihood", "RiskImpact", "RiskScore", "RiskTier", "ImportKey"];

    private readonly DateOnly today;
    private readonly BulkInsert insert;
    private readonly BulkInsert link;
    /// <summary>
    /// New workflows waiting for the next bulk insert, which gives them the ids their tool links and audit entries need, with
    /// their audit changes and their place in the report.
    /// </summary>
    private readonly List<(Workflow Workflow, string AuditChanges, int ReportPlace)> creating = [];
    private InventoryNames names;

    public WorkflowWriter(AppDbContext db, Actor actor, ImportLookups lookups, AuditChain chain, RowConversion conversion,
        InventoryImporter.Run run, DateOnly today, IDbContextTransaction transaction, bool createDepartments)
        : base(db, actor, lookups, chain, conversion, run)
    {
        this.today = today;
        CreatesDepartments = createDepartments;
        var connection = db.Database.GetDbConnection();
        // New rows go in by bulk inserts, not through EF: its change tracking costs far more per row than the validation.
        insert = BulkInsert.Create(connection, transaction.GetDbTransaction(), "Workflows", Columns, returnsIds: true);
        link = BulkInsert.Create(connection, transaction.GetDbTransaction(), "WorkflowTools", ["WorkflowId", "ToolId"], returnsIds: false);
        names = lookups.DisplayNames();
    }

    public override async Task WriteBatchAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        var departments = DepartmentsCreated.Count;
        await CreateDepartmentsAsync(rows, cancellationToken);
        if (DepartmentsCreated.Count > departments)
        {
            names = Lookups.DisplayNames();
        }
        var keys = rows.Select(Conversion.Key).ToList();
        var existing = await ExistingAsync(keys, cancellationToken);

        // In file order: what depends on the rows before (a key seen twice) and which stored workflow each row updates.
        var refused = new ImportRowResult?[rows.Count];
        var matched = new Workflow?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            refused[i] = Precheck(rows[i], keys[i]);
            matched[i] = refused[i] is null ? Match(existing, keys[i], rows[i]) : null;
            if (matched[i] is { } target && !Tally.Matched.TryAdd(target.Id, rows[i].Number))
            {
                refused[i] = Rejected(rows[i], keys[i], target.Name, [new ImportIssue(rows[i].Number, ImportFieldKey.ExternalId.ToString(), IssueSeverity.Error,
                    $"Row {Tally.Matched[target.Id]:N0} already updates the workflow \"{target.Name}\": each record may appear only once in a file.")]);
                matched[i] = null;
            }
        }
        // What the save decision reads about the stored workflows the rows update, read once for the batch.
        var matchedIds = matched.OfType<Workflow>().Select(w => w.Id).ToList();
        pausesInForce = await Incidents.Pausing.InForceAsync(Db, matchedIds, cancellationToken);
        histories = await HistoriesAsync(matchedIds, cancellationToken);
        // Each row's conversion, validation and risk only read the lookups: on every core at once, a chunk at a time, while
        // this thread writes the chunks already checked.
        _ = Lookups.References;
        await using var checks = new ChecksAhead<CheckedRow?>(rows.Count, i => refused[i] is null ? Check(rows[i], keys[i], matched[i]) : null,
            cancellationToken);

        // In file order again: the writes, the audit chain and the report.
        for (var i = 0; i < rows.Count; i++)
        {
            var checkedRow = await checks.ResultAsync(i);
            if (refused[i] is { } precheck)
            {
                Tally.Add(precheck);
                continue;
            }
            var (row, key, stored) = (rows[i], keys[i], matched[i]);
            var (form, issues, after, created, changes, createdAudit, notify, action, reidentifies) = checkedRow!;
            if (issues.Any(x => x.Severity == IssueSeverity.Error))
            {
                Tally.Add(Rejected(row, key, form.Name, issues));
                continue;
            }
            if (reidentifies)
            {
                Tally.Reidentified++;
            }
            if (created is not null)
            {
                Insert(created, createdAudit!, Tally.Add(new ImportRowResult(row.Number, RowOutcome.Created, key, created.Name, issues, after)));
                if (notify)
                {
                    awaitingApproval.Add(created);
                }
                if (insert.Pending >= insert.RowsPerStatement)
                {
                    await WriteCreatedAsync(cancellationToken);
                }
                continue;
            }
            if (changes!.Count == 0)
            {
                Tally.Add(new ImportRowResult(row.Number, RowOutcome.Unchanged, key, stored!.Name, issues, after, stored.Id));
                continue;
            }
            form.ApplyTo(stored!);
            stored!.Version++;
            Assess(stored);
            await WriteCreatedAsync(cancellationToken); // the new rows before it first, so the audit trail follows the file
            await Chain.AppendAsync(WorkflowInventory.EntityType, stored.Id.ToString(CultureInfo.InvariantCulture), stored.Name, action,
                [.. changes, new FieldChange("Imported from", null, Tally.FileName)], cancellationToken);
            if (notify)
            {
                awaitingApproval.Add(stored);
            }
            Tally.Add(new ImportRowResult(row.Number, RowOutcome.Updated, key, stored.Name, issues, after, stored.Id));
        }

        await WriteCreatedAsync(cancellationToken);
        // As after a save on the page: compliance hears of each workflow that now awaits their approval.
        if (awaitingApproval.Count > 0)
        {
            officers ??= await Notifications.NotificationCenter.ComplianceOfficersAsync(Db, cancellationToken);
            foreach (var workflow in awaitingApproval)
            {
                Notifications.NotificationCenter.AwaitingApproval(Db, Chain.Clock, officers, workflow, Actor.UserId);
            }
            awaitingApproval.Clear();
        }
        Db.ChangeTracker.DetectChanges();
        await Db.SaveChangesAsync(cancellationToken);
        Db.ChangeTracker.Clear();
    }

    private Dictionary<int, string> pausesInForce = [];
    private Dictionary<int, List<AuditEntry>> histories = [];
    private readonly List<Workflow> awaitingApproval = [];
    private IReadOnlyList<string>? officers;

    /// <summary>The audit entries of the stored workflows a batch updates, for separation of duties.</summary>
    private async Task<Dictionary<int, List<AuditEntry>>> HistoriesAsync(List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var keys = ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var entries = await Db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == WorkflowInventory.EntityType && keys.Contains(e.EntityId)).ToListAsync(cancellationToken);
        return entries.GroupBy(e => int.Parse(e.EntityId, CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());
    }

    private async Task<List<Workflow>> ExistingAsync(List<string> keys, CancellationToken cancellationToken)
    {
        if (Conversion.UsesKeyColumns)
        {
            var builtKeys = keys.Where(k => k.Length > 0).Distinct().ToList();
            return builtKeys.Count == 0 ? []
                : await Db.Workflows.Include(w => w.Tools).Where(w => builtKeys.Contains(w.ImportKey!)).ToListAsync(cancellationToken);
        }
        if (Conversion.Match != ImportMatch.Name)
        {
            storedKeys ??= await StoredKeysAsync(cancellationToken);
        }
        var wanted = keys.Where(k => k.Length > 0).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        if (Conversion.Match == ImportMatch.Name)
        {
            var wantedNames = wanted.Select(k => RowConversion.SplitNameKey(k).Name).Distinct().ToList();
            return await Db.Workflows.Include(w => w.Tools).Where(w => wantedNames.Contains(w.Name)).ToListAsync(cancellationToken);
        }
        // Most rows of a first import match nothing: ask the database only for keys it has (read once; it grows with the
        // stored inventory, not with the file). Read above, before the first batch writes: no row matches one this import created.
        var (externalIds, withoutExternalId) = storedKeys!.Value;
        wanted = wanted.Where(k => externalIds.Contains(k) || OwnReference(k, ReferencePrefix) is { } id && withoutExternalId.Contains(id)).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var own = wanted.Select(k => OwnReference(k, ReferencePrefix)).OfType<int>().ToList();
        var found = await Db.Workflows.Include(w => w.Tools).Where(w => wanted.Contains(w.ExternalId!)).ToListAsync(cancellationToken);
        if (own.Count > 0)
        {
            found.AddRange(await Db.Workflows.Include(w => w.Tools).Where(w => own.Contains(w.Id) && w.ExternalId == null).ToListAsync(cancellationToken));
        }
        return found;
    }

    /// <summary>What a row's key can match: the stored external ids, and the ids of workflows without one ("AIPH-W-12").</summary>
    private (HashSet<string> ExternalIds, HashSet<int> WithoutExternalId)? storedKeys;

    private async Task<(HashSet<string>, HashSet<int>)> StoredKeysAsync(CancellationToken cancellationToken)
    {
        var all = await Db.Workflows.AsNoTracking().Select(w => new { w.Id, w.ExternalId }).ToListAsync(cancellationToken);
        return (all.Where(w => w.ExternalId != null).Select(w => w.ExternalId!).ToHashSet(StringComparer.OrdinalIgnoreCase),
            all.Where(w => w.ExternalId == null).Select(w => w.Id).ToHashSet());
    }

    private Workflow? Match(List<Workflow> existing, string key, TableRow row)
    {
        if (key.Length == 0)
        {
            return null;
        }
        if (Conversion.UsesKeyColumns)
        {
            // Exactly as stored: the key was built the same way when the record was created.
            return existing.FirstOrDefault(w => string.Equals(w.ImportKey, key, StringComparison.Ordinal));
        }
        if (Conversion.Match == ImportMatch.Name)
        {
            // Within the row's department; a department not stored yet holds no workflow to match.
            var (departmentName, name) = RowConversion.SplitNameKey(key);
            int? department = null;
            if (departmentName.Length > 0)
            {
                if (!Lookups.Departments.TryGetValue(departmentName, out var id))
                {
                    return null;
                }
                department = id;
            }
            return existing.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.InvariantCultureIgnoreCase)
                && (department is null || w.DepartmentId == department));
        }
        return existing.FirstOrDefault(w => string.Equals(w.ExternalId, key, StringComparison.OrdinalIgnoreCase))
            ?? (OwnReference(key, ReferencePrefix) is { } own ? existing.FirstOrDefault(w => w.Id == own && w.ExternalId is null) : null);
    }

    /// <summary>The residual risk kept on the row, as <see cref="RiskIndex"/> would store it.</summary>
    private void Assess(Workflow workflow)
    {
        var level = Lookups.LevelsById[workflow.DataClassificationId];
        var tools = workflow.Tools.Select(t => Lookups.RuleTools[t.ToolId]).ToList();
        var risk = RiskAssessor.Residual(RuleSubject.From(WorkflowForm.From(workflow), level, tools), Lookups.Scale!, Lookups.Thresholds);
        workflow.RiskLikelihood = risk.Residual.Likelihood;
        workflow.RiskImpact = risk.Residual.Impact;
        workflow.RiskScore = risk.Residual.Score;
        workflow.RiskTier = risk.Tier;
    }

    /// <summary>One row checked: its form and issues, and (without errors) its description and either the new workflow or the changes.</summary>
    private sealed record CheckedRow(WorkflowForm Form, List<ImportIssue> Issues, Dictionary<string, string>? After, Workflow? Created,
        List<FieldChange>? Changes, string? CreatedAudit = null, bool NotifyAwaitingApproval = false, AuditAction Action = AuditAction.Changed,
        bool Reidentifies = false);

    /// <summary>Converts and validates one row against the stored workflow it updates (or none), touching nothing shared.</summary>
    private CheckedRow Check(TableRow row, string key, Workflow? stored)
    {
        // The stored workflow as a form, once per row: the row is laid over a copy, and the decision compares with it.
        var storedForm = stored is null ? null : WorkflowForm.From(stored);
        var form = storedForm?.Copy() ?? new WorkflowForm();
        if (stored is not null && WorkflowSave.ScopeRefusal(Actor, stored.DepartmentId) is { } scope)
        {
            return new CheckedRow(form, [new ImportIssue(row.Number, ImportFieldKey.Department.ToString(), IssueSeverity.Error,
                $"This row updates the workflow \"{stored.Name}\" of a department you do not manage. {scope}")], null, null, null);
        }
        var issues = Conversion.ToWorkflow(row, form, stored is null, Lookups, Actor, today);
        if (stored is null && NoKeyWarning(row, key) is { } noKey)
        {
            issues.Add(noKey);
        }
        var reidentifies = false;
        if (stored is not null && Reidentified(stored, form) is { } moved)
        {
            var what = Conversion.DescribeKey(key);
            issues.Add(new ImportIssue(row.Number, Conversion.KeyField, IssueSeverity.Warning,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} names the stored workflow \"{stored.Name}\" ({names.Department(stored.DepartmentId)}): this row {moved}. "
                + "If the file re-uses ids (across agencies, say), match on another key."));
            reidentifies = true;
        }
        if (issues.Any(x => x.Severity == IssueSeverity.Error))
        {
            return new CheckedRow(form, issues, null, null, null);
        }

        // The same decision as a save on the page or through the API: roles, lifecycle, pauses, separation of duties, material changes.
        var decision = WorkflowSave.Decide(new WorkflowSaveRequest(Actor, storedForm, form,
            stored is null ? [] : histories.GetValueOrDefault(stored.Id) ?? [],
            stored is null ? null : pausesInForce.GetValueOrDefault(stored.Id), names, Lookups.ClassificationRanks));
        if (decision.Refusal is { } refusal)
        {
            var field = refusal.Status == SaveStatus.Forbidden ? ImportFieldKey.Department : ImportFieldKey.Status;
            issues.Add(new ImportIssue(row.Number, field.ToString(), IssueSeverity.Error, refusal.Message ?? "This change is not allowed."));
            return new CheckedRow(form, issues, null, null, null);
        }
        form.Status = decision.Status;
        // The description is shown only by a preview; a whole import keeps no row's values.
        var after = Tally.KeepsValues ? WorkflowInventory.Describe(form, names) : null;
        if (stored is null)
        {
            var workflow = new Workflow();
            form.ApplyTo(workflow);
            workflow.Version = 1;
            workflow.ExternalId = Conversion.ExternalId(row);
            workflow.ImportKey = Conversion.StoredImportKey(key);
            Assess(workflow);
            var audit = AuditChain.Serialize([.. decision.Changes, new FieldChange("Imported from", null, Tally.FileName)]);
            return new CheckedRow(form, issues, after, workflow, null, audit, decision.NotifyAwaitingApproval);
        }
        if (decision.ReopenReasons.Count > 0)
        {
            issues.Add(new ImportIssue(row.Number, ImportFieldKey.Status.ToString(), IssueSeverity.Warning,
                $"Because of {string.Join("; ", decision.ReopenReasons)}, it goes back to compliance for approval."));
        }
        return new CheckedRow(form, issues, after, null, decision.Unchanged ? [] : [.. decision.Changes], null, decision.NotifyAwaitingApproval,
            decision.Action, reidentifies);
    }

    /// <summary>What a row does to the identity of the stored workflow its key names: renames it, moves it, or both; null when neither.</summary>
    private string? Reidentified(Workflow stored, WorkflowForm form)
    {
        var renamed = !string.Equals(stored.Name.Trim(), form.Name.Trim(), StringComparison.InvariantCultureIgnoreCase);
        var moved = form.DepartmentId is { } department && department != stored.DepartmentId;
        return (renamed, moved) switch
        {
            (true, true) => $"renames it to \"{form.Name}\" and moves it to {names.Department(form.DepartmentId)}",
            (true, false) => $"renames it to \"{form.Name}\"",
            (false, true) => $"moves it to {names.Department(form.DepartmentId)}",
            _ => null,
        };
    }

    private void Insert(Workflow w, string auditChanges, int reportPlace)
    {
        insert.Add(
            w.Name, w.DepartmentId, w.OwnerId, w.Purpose, (int)w.Stage, (int)w.Autonomy, (int)w.Audience, (int)w.AffectsPeople,
            w.DataClassificationId, (int)w.DataCategories, (int)w.Oversight, w.SpotCheckPercent, w.ApprovingRole, (int)w.Controls,
            w.MonthlyVolume, w.ReviewCadenceMonths, w.NextReviewDate, (int)w.Status, w.Version, w.ExternalId,
            w.RiskLikelihood, w.RiskImpact, w.RiskScore, (int)w.RiskTier, w.ImportKey);
        creating.Add((w, auditChanges, reportPlace));
    }

    /// <summary>Writes the waiting new workflows, then their tool links and their audit entries (which name their ids).</summary>
    private async Task WriteCreatedAsync(CancellationToken cancellationToken)
    {
        if (creating.Count == 0)
        {
            return;
        }
        var ids = await insert.FlushAsync(cancellationToken);
        for (var i = 0; i < creating.Count; i++)
        {
            var workflow = creating[i].Workflow;
            workflow.Id = checked((int)ids[i]);
            Tally.SetRecordId(creating[i].ReportPlace, workflow.Id);
            foreach (var tool in workflow.Tools)
            {
                link.Add(workflow.Id, tool.ToolId);
            }
        }
        await link.FlushAsync(cancellationToken);
        foreach (var (workflow, changes, _) in creating)
        {
            await Chain.AppendAsync(WorkflowInventory.EntityType, workflow.Id.ToString(CultureInfo.InvariantCulture), workflow.Name, AuditAction.Created,
                changes, cancellationToken);
        }
        creating.Clear();
    }

    public override async ValueTask DisposeAsync()
    {
        await insert.DisposeAsync();
        await link.DisposeAsync();
    }
}

internal sealed class ToolWriter : ImportTargetWriter
{
    public const string ReferencePrefix = "AIPH-T-";
    private readonly InventoryNames names;
    private readonly AuditTrail audit;

    public ToolWriter(AppDbContext db, Actor actor, ImportLookups lookups, AuditChain chain, RowConversion conversion, InventoryImporter.Run run,
        AuditTrail audit)
        : base(db, actor, lookups, chain, conversion, run)
    {
        names = lookups.DisplayNames();
        this.audit = audit;
    }

    /// <summary>An updated tool, with what the page's save does next: approvals to reopen, risk triggers to check.</summary>
    private sealed record UpdatedTool(AiTool Tool, IReadOnlyList<string> ReopenReasons, ToolApprovalStatus StatusBefore, VendorTraining TrainingBefore,
        List<ImportIssue> Issues, ImportRowResult Result);

    public override async Task WriteBatchAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        var tools = await Db.Tools.ToListAsync(cancellationToken);
        var created = new List<(AiTool Tool, Dictionary<string, string> After, int ReportPlace)>();
        var updated = new List<UpdatedTool>();
        foreach (var row in rows)
        {
            var key = Conversion.Key(row);
            if (Precheck(row, key) is { } refused)
            {
                Tally.Add(refused);
                continue;
            }
            var stored = key.Length == 0 ? null
                : Conversion.UsesKeyColumns ? tools.FirstOrDefault(t => string.Equals(t.ImportKey, key, StringComparison.Ordinal))
                : Conversion.Match == ImportMatch.Name
                ? tools.FirstOrDefault(t => string.Equals(t.Name, key, StringComparison.InvariantCultureIgnoreCase))
                : tools.FirstOrDefault(t => string.Equals(t.ExternalId, key, StringComparison.OrdinalIgnoreCase))
                  ?? (OwnReference(key, ReferencePrefix) is { } own ? tools.FirstOrDefault(t => t.Id == own && t.ExternalId is null) : null);
            var form = stored is null ? new ToolForm() : ToolForm.From(stored);
            var probe = form.Copy();
            probe.Name = Conversion.Raw(row, ImportFieldKey.Name) ?? form.Name;
            var nameTaken = tools.Any(t => t != stored && string.Equals(t.Name.Trim(), probe.Name.Trim(), StringComparison.InvariantCultureIgnoreCase));
            var issues = Conversion.ToTool(row, form, stored is null, Lookups, Actor, nameTaken);
            if (issues.Any(x => x.Severity == IssueSeverity.Error))
            {
                Tally.Add(Rejected(row, key, form.Name, issues));
                continue;
            }
            if (stored is null && NoKeyWarning(row, key) is { } noKey)
            {
                issues.Add(noKey);
            }
            var reidentifies = stored is not null && !string.Equals(stored.Name.Trim(), form.Name.Trim(), StringComparison.InvariantCultureIgnoreCase);
            if (reidentifies)
            {
                var what = Conversion.DescribeKey(key);
                issues.Add(new ImportIssue(row.Number, Conversion.KeyField, IssueSeverity.Warning,
                    $"{char.ToUpperInvariant(what[0])}{what[1..]} names the stored tool \"{stored!.Name}\": this row renames it to \"{form.Name}\". "
                    + "If the file re-uses ids, match on another key."));
            }
            // The same decision as a save on the tool page or through the API.
            var decision = ToolSave.Decide(Actor, stored is null ? null : ToolForm.From(stored), form, names, Lookups.ClassificationRanks);
            if (decision.Effect == ToolSaveEffect.Refused)
            {
                issues.Add(new ImportIssue(row.Number, (decision.Refusal!.Status == SaveStatus.Forbidden ? ImportFieldKey.Name : ImportFieldKey.ApprovalStatus).ToString(),
                    IssueSeverity.Error, decision.Refusal.Message ?? "This change is not allowed."));
                Tally.Add(Rejected(row, key, form.Name, issues));
                continue;
            }
            if (reidentifies)
            {
                Tally.Reidentified++; // counted only for rows that go on to rename the tool
            }
            var after = ToolCatalog.Describe(form, names);
            if (decision.Effect == ToolSaveEffect.Propose)
            {
                await Chain.AppendElsewhereAsync(Db, () => ProposeAsync(stored!, form, decision.Changes, cancellationToken), cancellationToken);
                issues.Add(new ImportIssue(row.Number, ImportFieldKey.ApprovalStatus.ToString(), IssueSeverity.Warning, ToolSave.ProposedMessage));
                Tally.Add(new ImportRowResult(row.Number, RowOutcome.Unchanged, key, stored!.Name, issues, after, stored.Id));
                continue;
            }
            if (stored is null)
            {
                var tool = new AiTool { Version = 1, ExternalId = Conversion.ExternalId(row), ImportKey = Conversion.StoredImportKey(key) };
                form.ApplyTo(tool);
                Db.Tools.Add(tool);
                tools.Add(tool);
                created.Add((tool, after, Tally.Add(new ImportRowResult(row.Number, RowOutcome.Created, key, tool.Name, issues, after))));
                continue;
            }
            if (decision.Effect == ToolSaveEffect.Unchanged)
            {
                Tally.Add(new ImportRowResult(row.Number, RowOutcome.Unchanged, key, stored.Name, issues, after, stored.Id));
                continue;
            }
            var (changes, reopenReasons) = (decision.Changes, decision.ReopenReasons);
            var (statusBefore, trainingBefore) = (stored.ApprovalStatus, stored.TrainsOnOurData);
            form.ApplyTo(stored);
            stored.Version++;
            await Chain.AppendAsync(ToolCatalog.EntityType, stored.Id.ToString(CultureInfo.InvariantCulture), stored.Name, decision.Action,
                [.. changes, new FieldChange("Imported from", null, Tally.FileName)], cancellationToken);
            // Reported once what follows the save is known (it may add warnings).
            updated.Add(new UpdatedTool(stored, reopenReasons, statusBefore, trainingBefore,
                issues, new ImportRowResult(row.Number, RowOutcome.Updated, key, stored.Name, issues, after, stored.Id)));
        }
        Db.ChangeTracker.DetectChanges();
        await Db.SaveChangesAsync(cancellationToken);
        foreach (var (tool, after, place) in created)
        {
            Tally.SetRecordId(place, tool.Id);
            await Chain.AppendAsync(ToolCatalog.EntityType, tool.Id.ToString(CultureInfo.InvariantCulture), tool.Name, AuditAction.Created,
                [.. AuditTrail.Diff(new Dictionary<string, string>(), after), new FieldChange("Imported from", null, Tally.FileName)], cancellationToken);
        }
        if (updated.Count > 0)
        {
            await AfterSavingAsync(updated, cancellationToken);
        }
        foreach (var tool in updated)
        {
            Tally.Add(tool.Result);
        }
        // Workflows imported later in the same run may name these tools.
        foreach (var tool in tools)
        {
            Lookups.Tools[tool.Name] = tool;
        }
        Lookups.Changed();
        Db.ChangeTracker.Clear();
    }

    /// <summary>A manager's change to a decided tool, kept as a proposal as on the tool page (tracked rows saved the usual way).</summary>
    private async Task ProposeAsync(AiTool tool, ToolForm form, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken)
    {
        Db.ChangeTracker.AutoDetectChangesEnabled = true;
        try
        {
            await ToolCatalog.ProposeAsync(Db, audit, Actor, tool, form, changes, cancellationToken);
        }
        finally
        {
            Db.ChangeTracker.AutoDetectChangesEnabled = false;
        }
    }

    /// <summary>
    /// What a save on the tool page does after saving, in the same transaction (<see cref="ToolCatalog"/>): approved workflows
    /// whose approval relied on what changed go back to compliance, every workflow using the tool gets its risk re-assessed,
    /// and a tool now prohibited or a vendor now training on our data fires its risk trigger. Those steps write their own
    /// audit entries, so the chain is written out first and continues after them.
    /// </summary>
    private Task AfterSavingAsync(List<UpdatedTool> updated, CancellationToken cancellationToken) =>
        Chain.AppendElsewhereAsync(Db, () => AfterSavingStepsAsync(updated, cancellationToken), cancellationToken);

    private async Task AfterSavingStepsAsync(List<UpdatedTool> updated, CancellationToken cancellationToken)
    {
        Db.ChangeTracker.AutoDetectChangesEnabled = true; // those steps change tracked rows and save as the pages do
        try
        {
            foreach (var (tool, reasons, statusBefore, trainingBefore, warnings, result) in updated)
            {
                if (reasons.Count > 0 && await WorkflowApprovals.ReopenWorkflowsUsingAsync(Db, audit, Actor, tool, reasons, cancellationToken) is var reopened and > 0)
                {
                    warnings.Add(new ImportIssue(result.Row, "", IssueSeverity.Warning, WorkflowApprovals.ReopenedByToolChange(reasons, reopened)));
                }
                await RiskIndex.UpdateAsync(Db, Db.Workflows.Where(w => w.Tools.Any(t => t.ToolId == tool.Id)), cancellationToken);
                if (await Incidents.TriggerEvaluation.OnToolSavedAsync(Db, audit, Actor, tool, statusBefore, trainingBefore, cancellationToken) is { } fired)
                {
                    warnings.Add(new ImportIssue(result.Row, "", IssueSeverity.Warning, fired));
                }
            }
            await Db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Db.ChangeTracker.AutoDetectChangesEnabled = false;
        }
    }
}

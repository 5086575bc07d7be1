using System.Globalization;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>
/// Writes agents from a file, each row through the agent save itself (<see cref="AgentInventory.SaveInAsync"/>) in the
/// import's transaction: the same validation, roles, department scope, lifecycle, separation of duties, pauses and material
/// changes as the agent page and the API — so adding a connector or a permission to an approved agent by a file sends it
/// back for approval too. Agents are few, so rows are saved one by one rather than in bulk.
/// </summary>
internal sealed class AgentImportWriter(AppDbContext db, Actor actor, ImportLookups lookups, AuditChain chain, RowConversion conversion,
    InventoryImporter.Run run, AgentInventory agents)
    : ImportTargetWriter(db, actor, lookups, chain, conversion, run)
{
    private AgentImportNames? names;

    public override async Task WriteBatchAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        await CreateDepartmentsAsync(rows, cancellationToken);
        names ??= await ConnectorNamesAsync(cancellationToken);
        await AddWorkflowNamesAsync(rows, cancellationToken);
        var stored = await StoredAsync(rows, cancellationToken);
        foreach (var row in rows)
        {
            var key = Conversion.Key(row);
            if (Precheck(row, key) is { } refused)
            {
                Tally.Add(refused);
                continue;
            }
            var (department, name) = RowConversion.SplitNameKey(key);
            var match = Lookups.Departments.TryGetValue(department, out var departmentId)
                ? stored.FirstOrDefault(a => a.DepartmentId == departmentId && string.Equals(a.Name.Trim(), name, StringComparison.InvariantCultureIgnoreCase))
                : null;
            var form = match is null ? new AgentForm() : AgentForm.From(match);
            var issues = Conversion.ToAgent(row, form, match is null, Lookups, names, Actor);
            if (issues.Any(i => i.Severity == IssueSeverity.Error))
            {
                Tally.Add(Rejected(row, key, form.Name, issues));
                continue;
            }
            var outcome = await SaveAsync(match?.Id, form, cancellationToken);
            switch (outcome.Status)
            {
                case SaveStatus.Saved:
                    if (outcome.Message is { } message)
                    {
                        // A reopened approval, a risk trigger fired: said on the row as the page says it after saving.
                        issues.Add(new ImportIssue(row.Number, ImportFieldKey.Status.ToString(), IssueSeverity.Warning, message));
                    }
                    var result = match is null ? RowOutcome.Created : outcome.Version == match.Version ? RowOutcome.Unchanged : RowOutcome.Updated;
                    Tally.Add(new ImportRowResult(row.Number, result, key, form.Name.Trim(), issues, RecordId: outcome.Id));
                    break;
                case SaveStatus.Invalid when outcome.Errors is { } errors:
                    Conversion.AgentIssues(row, errors, issues);
                    Tally.Add(Rejected(row, key, form.Name, issues));
                    break;
                default:
                    issues.Add(new ImportIssue(row.Number, (outcome.Status == SaveStatus.Forbidden ? ImportFieldKey.Department : ImportFieldKey.Status).ToString(),
                        IssueSeverity.Error, outcome.Message ?? "This change is not allowed."));
                    Tally.Add(Rejected(row, key, form.Name, issues));
                    break;
            }
        }
    }

    /// <summary>
    /// One row's save, in the import's transaction: its audit entries are written the usual way, after the chain's so far,
    /// and the chain goes on after them.
    /// </summary>
    private async Task<SaveOutcome> SaveAsync(int? id, AgentForm form, CancellationToken cancellationToken)
    {
        SaveOutcome? outcome = null;
        await Chain.AppendElsewhereAsync(Db, async () =>
        {
            Db.ChangeTracker.AutoDetectChangesEnabled = true; // the save changes tracked rows, as on the page
            try
            {
                outcome = await agents.SaveInAsync(Db, Actor, id, form, null, validate: true, cancellationToken);
            }
            finally
            {
                Db.ChangeTracker.Clear();
                Db.ChangeTracker.AutoDetectChangesEnabled = false;
            }
        }, cancellationToken);
        return outcome!;
    }

    private async Task<AgentImportNames> ConnectorNamesAsync(CancellationToken cancellationToken)
    {
        var found = new AgentImportNames();
        foreach (var c in await Db.Connectors.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            found.Connectors.TryAdd(c.Name.Trim(), c.Id);
        }
        return found;
    }

    /// <summary>The workflows this batch names (not retired), looked up by name: there may be 100,000, of which a file names a few.</summary>
    private async Task AddWorkflowNamesAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        var wanted = rows.Where(r => r.Problem is null).SelectMany(r => Conversion.Names(r, ImportFieldKey.LinkedWorkflows))
            .Where(n => !names!.Workflows.ContainsKey(n)).Distinct(StringComparer.InvariantCultureIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var lowered = wanted.Select(n => n.ToLower(CultureInfo.InvariantCulture)).ToList();
        var found = await Db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired && lowered.Contains(w.Name.ToLower()))
            .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
        foreach (var name in wanted)
        {
            names!.Workflows[name] = [.. found.Where(w => string.Equals(w.Name.Trim(), name, StringComparison.InvariantCultureIgnoreCase)).Select(w => w.Id)];
        }
    }

    /// <summary>The stored agents the rows' names may find, with what their form holds.</summary>
    private async Task<List<Agent>> StoredAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        var wanted = rows.Select(r => RowConversion.SplitNameKey(Conversion.Key(r)).Name).Where(n => n.Length > 0)
            .Distinct(StringComparer.InvariantCultureIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        // Names compare ignoring case in the database's own collation too; the match above compares them again exactly.
        var lowered = wanted.Select(n => n.ToLower(CultureInfo.InvariantCulture)).ToList();
        return await Db.Agents.AsNoTracking().Include(a => a.Connectors).Include(a => a.Checkpoints).Include(a => a.Workflows)
            .Where(a => lowered.Contains(a.Name.ToLower())).AsSplitQuery().ToListAsync(cancellationToken);
    }
}

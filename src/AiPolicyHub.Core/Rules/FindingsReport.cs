using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules;

public sealed record FindingsQuery(FindingSeverity? Severity = null, string? RuleId = null, int? DepartmentId = null, string? OwnerId = null);

/// <summary>One broken rule of one workflow, with what to change.</summary>
public sealed record WorkflowFinding(int WorkflowId, string WorkflowName, string Department, string? Owner, RuleFinding Finding);

/// <summary>
/// The rules applied to the whole inventory: every workflow that is not retired, against the organisation's
/// rules, less the exceptions in force. Evaluated on request; the engine takes microseconds per workflow (./bench.sh rules).
/// </summary>
public sealed class FindingsReport(IDbContextFactory<AppDbContext> contexts, Stored.RuleSettingsStore settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkflowFinding>> ListAsync(FindingsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification)
            .ToDictionaryAsync(t => t.Id, t => RuleTool.From(t), cancellationToken);
        var workflows = db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired);
        if (query.DepartmentId is { } department)
        {
            workflows = workflows.Where(w => w.DepartmentId == department);
        }
        if (!string.IsNullOrEmpty(query.OwnerId))
        {
            workflows = workflows.Where(w => w.OwnerId == query.OwnerId);
        }
        var rows = await (from w in workflows.Include(w => w.Tools).Include(w => w.DataClassification).Include(w => w.Department)
                          join owner in db.Users on w.OwnerId equals owner.Id into owners
                          from owner in owners.DefaultIfEmpty()
                          orderby w.Name
                          select new { Workflow = w, Owner = owner != null ? owner.DisplayName : null })
            .ToListAsync(cancellationToken);

        var engine = new RuleEngine(await settings.LoadAsync(db, cancellationToken));
        var exceptions = await Stored.RuleExceptions.UnrevokedAsync(db, workflows.Select(w => w.Id), cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var findings = new List<WorkflowFinding>();
        foreach (var row in rows)
        {
            var subject = RuleSubject.From(row.Workflow, row.Workflow.Tools.Select(t => tools[t.ToolId]).ToList());
            foreach (var finding in engine.Evaluate(subject, [.. exceptions[row.Workflow.Id]], today))
            {
                if ((query.Severity is null || finding.Severity == query.Severity) && (query.RuleId is null || finding.RuleId == query.RuleId))
                {
                    findings.Add(new WorkflowFinding(row.Workflow.Id, row.Workflow.Name, row.Workflow.Department!.Name, row.Owner, finding));
                }
            }
        }
        return findings.OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.WorkflowName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}

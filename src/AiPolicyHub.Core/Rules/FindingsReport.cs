using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules;

public sealed record FindingsQuery(FindingSeverity? Severity = null, string? RuleId = null, int? DepartmentId = null, string? OwnerId = null);

/// <summary>How the findings page is ordered: by severity (then workflow name), or by workflow name (then most severe first).</summary>
public enum FindingSort
{
    Severity,
    Workflow,
}

/// <summary>One page of the findings page: its filters, order (most severe first unless asked) and page.</summary>
public sealed record FindingsPageQuery(FindingSeverity? Severity = null, string? RuleId = null, int? DepartmentId = null, string? OwnerId = null,
    FindingSort Sort = FindingSort.Severity, bool Descending = true, int Skip = 0, int Take = 50);

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
        var expired = await Evidence.EvidenceExpiries.ExpiredByWorkflowAsync(db, today, workflows.Select(w => w.Id), cancellationToken);
        var findings = new List<WorkflowFinding>();
        foreach (var row in rows)
        {
            var subject = RuleSubject.From(row.Workflow, row.Workflow.Tools.Select(t => tools[t.ToolId]).ToList()) with { Evidence = [.. expired[row.Workflow.Id]] };
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

    /// <summary>
    /// How many findings of each severity the workflows in use have, for the dashboard: the same rules, settings and
    /// exceptions as <see cref="ListAsync"/>, but reading only the columns the rules look at and streaming the rows,
    /// so 100,000 workflows take a fraction of a second (./bench.sh dashboard).
    /// </summary>
    public static async Task<IReadOnlyDictionary<FindingSeverity, int>> CountBySeverityAsync(AppDbContext db, RuleEngine engine, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        var counts = Enum.GetValues<FindingSeverity>().ToDictionary(s => s, _ => 0);
        await EvaluatedFindings.EvaluateAsync(db, engine, today, (_, _, _, _, findings) =>
        {
            foreach (var finding in findings)
            {
                counts[finding.Severity]++;
            }
        }, cancellationToken);
        return counts;
    }

    /// <summary>
    /// How many findings of each severity the workflows in use have (the dashboard), counted from the same kept
    /// evaluation as the findings page: after the first, a dashboard costs a read of the database's stamp.
    /// </summary>
    public async Task<IReadOnlyDictionary<FindingSeverity, int>> CountBySeverityAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var kept = await EvaluatedAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        var counts = Enum.GetValues<FindingSeverity>().ToDictionary(s => s, _ => 0);
        foreach (var entry in kept.BySeverity)
        {
            counts[entry.Severity]++;
        }
        return counts;
    }

    private EvaluatedFindings? evaluated;
    private readonly SemaphoreSlim evaluating = new(1, 1);

    /// <summary>
    /// One page of the findings, with how many match the filter: the same findings as <see cref="ListAsync"/>, in the same
    /// order (or by workflow), taken from an evaluation of the whole inventory that is kept while the database's stamp
    /// stays the same (see <see cref="EvaluatedFindings"/>). A filter change then costs a scan of kept keys, and the
    /// words of the findings shown are evaluated for those workflows only.
    /// </summary>
    public async Task<Page<WorkflowFinding>> PageAsync(FindingsPageQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var kept = await EvaluatedAsync(db, today, cancellationToken);

        var (take, skip) = (Math.Clamp(query.Take, 1, 500), Math.Max(0, query.Skip));
        var picked = new List<EvaluatedFindings.Entry>(take);
        var total = 0;
        for (var n = 0; n < kept.BySeverity.Length; n++)
        {
            var entry = kept.BySeverity[kept.PositionAt(query.Sort, query.Descending, n)];
            if ((query.Severity is { } severity && entry.Severity != severity)
                || (query.RuleId is { } rule && !string.Equals(entry.RuleId, rule, StringComparison.Ordinal))
                || (query.DepartmentId is { } department && entry.DepartmentId != department)
                || (!string.IsNullOrEmpty(query.OwnerId) && !string.Equals(entry.OwnerId, query.OwnerId, StringComparison.Ordinal)))
            {
                continue;
            }
            if (total >= skip && picked.Count < take)
            {
                picked.Add(entry);
            }
            total++;
        }
        return new Page<WorkflowFinding>(await WordsAsync(db, picked, today, cancellationToken), total);
    }

    private async Task<EvaluatedFindings> EvaluatedAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var stamp = await EvaluatedFindings.DatabaseStamp.ReadAsync(db, today, cancellationToken);
        if (Current(stamp) is { } current)
        {
            return current;
        }
        await evaluating.WaitAsync(cancellationToken);
        try
        {
            // Another request may have evaluated while this one waited.
            if (Current(stamp) is { } fresh)
            {
                return fresh;
            }
            var engine = new RuleEngine(await settings.LoadAsync(db, cancellationToken));
            return evaluated = await EvaluatedFindings.BuildAsync(db, engine, stamp, clock.GetUtcNow(), cancellationToken);
        }
        finally
        {
            evaluating.Release();
        }
    }

    private EvaluatedFindings? Current(EvaluatedFindings.DatabaseStamp stamp) =>
        evaluated is { } kept && EvaluatedFindings.StillCurrent(kept.Stamp, kept.BuiltAt, stamp, clock.GetUtcNow()) ? kept : null;

    /// <summary>The findings of <paramref name="entries"/> in words: their workflows loaded and evaluated again.</summary>
    private async Task<IReadOnlyList<WorkflowFinding>> WordsAsync(AppDbContext db, IReadOnlyList<EvaluatedFindings.Entry> entries, DateOnly today,
        CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }
        var ids = entries.Select(e => e.WorkflowId).Distinct().ToList();
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification)
            .ToDictionaryAsync(t => t.Id, t => RuleTool.From(t), cancellationToken);
        var workflows = await (from w in db.Workflows.AsNoTracking().Where(w => ids.Contains(w.Id))
                                   .Include(w => w.Tools).Include(w => w.DataClassification).Include(w => w.Department)
                               join owner in db.Users on w.OwnerId equals owner.Id into owners
                               from owner in owners.DefaultIfEmpty()
                               select new { Workflow = w, Owner = owner != null ? owner.DisplayName : null })
            .ToDictionaryAsync(r => r.Workflow.Id, cancellationToken);
        var exceptions = await Stored.RuleExceptions.UnrevokedAsync(db, db.Workflows.Where(w => ids.Contains(w.Id)).Select(w => w.Id), cancellationToken);
        var engine = new RuleEngine(await settings.LoadAsync(db, cancellationToken));
        var expired = await Evidence.EvidenceExpiries.ExpiredByWorkflowAsync(db, today, db.Workflows.Where(w => ids.Contains(w.Id)).Select(w => w.Id), cancellationToken);
        var findingsOf = workflows.Values.ToDictionary(r => r.Workflow.Id, r => engine.Evaluate(
            RuleSubject.From(r.Workflow, r.Workflow.Tools.Select(t => tools[t.ToolId]).ToList()) with { Evidence = [.. expired[r.Workflow.Id]] },
            [.. exceptions[r.Workflow.Id]], today));
        var page = new List<WorkflowFinding>(entries.Count);
        foreach (var entry in entries)
        {
            // A workflow changed since the evaluation was kept (between its stamp and now) may no longer break the rule:
            // it is left out of this page, and the next request evaluates again.
            if (workflows.TryGetValue(entry.WorkflowId, out var row)
                && findingsOf[entry.WorkflowId].FirstOrDefault(f => f.RuleId == entry.RuleId) is { } finding)
            {
                page.Add(new WorkflowFinding(row.Workflow.Id, row.Workflow.Name, row.Workflow.Department!.Name, row.Owner, finding));
            }
        }
        return page;
    }
}

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

    /// <summary>
    /// How many findings of each severity the workflows in use have, for the dashboard: the same rules, settings and
    /// exceptions as <see cref="ListAsync"/>, but reading only the columns the rules look at and streaming the rows,
    /// so 100,000 workflows take a fraction of a second (./bench.sh dashboard).
    /// </summary>
    public static async Task<IReadOnlyDictionary<FindingSeverity, int>> CountBySeverityAsync(AppDbContext db, RuleEngine engine, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        var levels = await db.ClassificationLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, cancellationToken);
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToDictionaryAsync(t => t.Id, t => RuleTool.From(t), cancellationToken);
        var inUse = db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired);
        var toolsOf = (await db.WorkflowTools.AsNoTracking().Where(l => l.Workflow!.Status != WorkflowStatus.Retired)
                .Select(l => new { l.WorkflowId, l.ToolId }).ToListAsync(cancellationToken))
            .ToLookup(l => l.WorkflowId, l => tools[l.ToolId]);
        var exceptions = await Stored.RuleExceptions.UnrevokedAsync(db, inUse.Select(w => w.Id), cancellationToken);

        var counts = Enum.GetValues<FindingSeverity>().ToDictionary(s => s, _ => 0);
        var findings = new List<RuleFinding>();
        var rows = inUse.Select(w => new
        {
            w.Id, w.Stage, w.Status, w.Autonomy, w.Audience, w.AffectsPeople, w.DataClassificationId, w.DataCategories, w.Oversight,
            w.SpotCheckPercent, w.Controls, HasOwner = w.OwnerId != null, w.NextReviewDate, w.MonthlyVolume,
        }).AsAsyncEnumerable();
        await foreach (var w in rows.WithCancellation(cancellationToken))
        {
            var level = levels[w.DataClassificationId];
            var subject = new RuleSubject
            {
                Name = "", Stage = w.Stage, Status = w.Status, Autonomy = w.Autonomy, Audience = w.Audience, AffectsPeople = w.AffectsPeople,
                ClassificationRank = level.Rank, ClassificationName = level.Name, DataCategories = w.DataCategories, Oversight = w.Oversight,
                SpotCheckPercent = w.SpotCheckPercent, Controls = w.Controls, HasOwner = w.HasOwner, NextReviewDate = w.NextReviewDate,
                MonthlyVolume = w.MonthlyVolume, Tools = [.. toolsOf[w.Id]],
            };
            findings.Clear();
            engine.EvaluateInto(subject, [.. exceptions[w.Id]], today, findings);
            foreach (var finding in findings)
            {
                counts[finding.Severity]++;
            }
        }
        return counts;
    }
}

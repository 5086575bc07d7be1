using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// Which rule each workflow in use breaks, evaluated once for the whole inventory and kept, so the findings page can
/// filter, count and page 100,000 workflows in a few milliseconds. Only keys are kept (workflow, rule, severity,
/// department, owner), in both of the page's orders; the words of a finding are evaluated again for the rows shown.
/// </summary>
/// <remarks>
/// The rules are evaluated in the app, not in the database, so "in the database" here means: from a stamp of the
/// database. Every change that can change a finding (a workflow, a tool, a pause, an exception, the rule settings) is
/// written to the audit trail, so the newest audit entry, the number of workflows and the newest workflow id (for rows
/// stored without an entry, as the benchmark's loader does), with the day (review dates fall due), tell whether the
/// kept evaluation is still the database's. Another instance's change is seen on the next request; as a safety net for a
/// transaction that commits an older audit id late, an evaluation is not kept for longer than <see cref="MaxAge"/>.
/// </remarks>
internal sealed class EvaluatedFindings
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>One finding, as keys.</summary>
    public readonly record struct Entry(int WorkflowId, string RuleId, FindingSeverity Severity, int DepartmentId, string? OwnerId);

    private readonly int[] leastSevereFirst;

    private EvaluatedFindings(DatabaseStamp stamp, DateTimeOffset builtAt, Entry[] bySeverity, int[] byWorkflow)
    {
        (this.Stamp, BuiltAt, BySeverity, ByWorkflow) = (stamp, builtAt, bySeverity, byWorkflow);
        // The severities' groups in reverse, each still by workflow name.
        leastSevereFirst = [.. Enumerable.Range(0, bySeverity.Length).OrderBy(i => bySeverity[i].Severity).ThenBy(i => i)];
    }

    /// <summary>The position in <see cref="BySeverity"/> of the <paramref name="n"/>th finding in the given order.</summary>
    public int PositionAt(FindingSort sort, bool descending, int n) => (sort, descending) switch
    {
        (FindingSort.Severity, true) => n,
        (FindingSort.Severity, false) => leastSevereFirst[n],
        (_, false) => ByWorkflow[n],
        _ => ByWorkflow[ByWorkflow.Length - 1 - n],
    };

    /// <summary>Whether something built at <paramref name="builtAt"/> from <paramref name="kept"/> is still the database's now.</summary>
    public static bool StillCurrent(DatabaseStamp kept, DateTimeOffset builtAt, DatabaseStamp stamp, DateTimeOffset now) =>
        kept == stamp && now - builtAt < MaxAge;

    public DatabaseStamp Stamp { get; }
    public DateTimeOffset BuiltAt { get; }

    /// <summary>Most severe first, then by workflow name, then in the rules' order.</summary>
    public Entry[] BySeverity { get; }

    /// <summary>Positions in <see cref="BySeverity"/>, by workflow name, then most severe first.</summary>
    public int[] ByWorkflow { get; }

    public readonly record struct DatabaseStamp(long LastAuditId, int Workflows, int LastWorkflowId, DateOnly Today)
    {
        public static async Task<DatabaseStamp> ReadAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken)
        {
            var lastAudit = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            var workflows = await db.Workflows.CountAsync(cancellationToken);
            var lastWorkflow = await db.Workflows.MaxAsync(w => (int?)w.Id, cancellationToken) ?? 0;
            return new DatabaseStamp(lastAudit, workflows, lastWorkflow, today);
        }
    }

    /// <summary>Evaluates every workflow in use, reading only the columns the rules look at.</summary>
    public static async Task<EvaluatedFindings> BuildAsync(AppDbContext db, RuleEngine engine, DatabaseStamp stamp, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var names = new Dictionary<int, string>();
        var entries = new List<Entry>();
        await EvaluateAsync(db, engine, stamp.Today, (w, name, department, owner, findings) =>
        {
            names[w] = name;
            foreach (var finding in findings)
            {
                entries.Add(new Entry(w, finding.RuleId, finding.Severity, department, owner));
            }
        }, cancellationToken);

        var byName = StringComparer.CurrentCultureIgnoreCase;
        var ruleOrder = engine.AllRules.Select((r, i) => (r.Id, i)).ToDictionary(r => r.Id, r => r.i, StringComparer.Ordinal);
        var bySeverity = entries.OrderByDescending(e => e.Severity).ThenBy(e => names[e.WorkflowId], byName).ThenBy(e => e.WorkflowId)
            .ThenBy(e => ruleOrder.GetValueOrDefault(e.RuleId)).ToArray();
        var byWorkflow = Enumerable.Range(0, bySeverity.Length)
            .OrderBy(i => names[bySeverity[i].WorkflowId], byName).ThenBy(i => bySeverity[i].WorkflowId).ThenBy(i => i).ToArray();
        return new EvaluatedFindings(stamp, now, bySeverity, byWorkflow);
    }

    /// <summary>
    /// Streams every workflow in use through the engine: its id, name, department, owner and findings (the list is reused
    /// between calls). The same subject as the workflow's own page sees, less the text fields no rule reads.
    /// </summary>
    public static async Task EvaluateAsync(AppDbContext db, RuleEngine engine, DateOnly today,
        Action<int, string, int, string?, List<RuleFinding>> found, CancellationToken cancellationToken)
    {
        var levels = await db.ClassificationLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, cancellationToken);
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToDictionaryAsync(t => t.Id, t => RuleTool.From(t), cancellationToken);
        var inUse = db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired);
        var toolsOf = (await db.WorkflowTools.AsNoTracking().Where(l => l.Workflow!.Status != WorkflowStatus.Retired)
                .Select(l => new { l.WorkflowId, l.ToolId }).ToListAsync(cancellationToken))
            .ToLookup(l => l.WorkflowId, l => tools[l.ToolId]);
        var exceptions = await Stored.RuleExceptions.UnrevokedAsync(db, inUse.Select(w => w.Id), cancellationToken);
        var expired = await Evidence.EvidenceExpiries.ExpiredByWorkflowAsync(db, today, cancellationToken: cancellationToken);

        var findings = new List<RuleFinding>();
        var rows = inUse.Select(w => new
        {
            w.Id, w.Name, w.DepartmentId, w.OwnerId, w.Stage, w.Status, w.Autonomy, w.Audience, w.AffectsPeople, w.DataClassificationId,
            w.DataCategories, w.Oversight, w.SpotCheckPercent, w.Controls, w.NextReviewDate, w.MonthlyVolume,
            w.OperatorRole, w.HighRiskArea, w.ProvidesPublicService, HasTransparencyMeasure = w.TransparencyMeasure != "", w.FriaVersion, w.EuAiActCategory,
        }).AsAsyncEnumerable();
        await foreach (var w in rows.WithCancellation(cancellationToken))
        {
            var level = levels[w.DataClassificationId];
            var subject = new RuleSubject
            {
                Name = w.Name, Stage = w.Stage, Status = w.Status, Autonomy = w.Autonomy, Audience = w.Audience, AffectsPeople = w.AffectsPeople,
                ClassificationRank = level.Rank, ClassificationName = level.Name, DataCategories = w.DataCategories, Oversight = w.Oversight,
                SpotCheckPercent = w.SpotCheckPercent, Controls = w.Controls, HasOwner = w.OwnerId != null, NextReviewDate = w.NextReviewDate,
                MonthlyVolume = w.MonthlyVolume, Tools = [.. toolsOf[w.Id]], Evidence = [.. expired[w.Id]],
                EuAiAct = new Obligations.EuAiActProfile(true, w.OperatorRole, w.HighRiskArea, w.ProvidesPublicService, w.HasTransparencyMeasure,
                    w.FriaVersion > 0, w.EuAiActCategory),
            };
            findings.Clear();
            engine.EvaluateInto(subject, [.. exceptions[w.Id]], today, findings);
            found(w.Id, w.Name, w.DepartmentId, w.OwnerId, findings);
        }
    }
}

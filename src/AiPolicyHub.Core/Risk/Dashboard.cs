using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Risk;

/// <summary>One of the workflows with the highest residual risk.</summary>
public sealed record TopRisk(int Id, string Name, string Department, int Score, int Likelihood, int Impact, RiskTier Tier, WorkflowStatus Status);

/// <summary>
/// The state of AI use at a glance, for workflows not retired. <see cref="HeatMap"/> is indexed [likelihood − 1, impact − 1]
/// with the number of workflows whose residual risk sits in that cell.
/// </summary>
public sealed record DashboardSummary(
    int Workflows,
    int Tools,
    IReadOnlyDictionary<RiskTier, int> ByTier,
    IReadOnlyDictionary<WorkflowStatus, int> ByStatus,
    int[,] HeatMap,
    IReadOnlyList<TopRisk> HighestRisks,
    int OverdueReviews,
    int PausedWorkflows,
    int PausedTools)
{
    public bool IsEmpty => Workflows == 0 && Tools == 0 && PolicyAcknowledgement is null;

    /// <summary>How many people have acknowledged the current policy version; null while none is published.</summary>
    public Policies.AcknowledgementRate? PolicyAcknowledgement { get; init; }
}

/// <summary>
/// The dashboard's figures, each one aggregate query over the stored risk and status columns (indexed), so it stays
/// fast with 100,000 workflows (./bench.sh dashboard). Managers, compliance officers and administrators see it.
/// </summary>
public sealed class Dashboard(IDbContextFactory<AppDbContext> contexts, FindingsReport findings, TimeProvider clock)
{
    public const int TopCount = 10;

    /// <summary>Null for staff, who have the checker and the tools directory instead.</summary>
    public async Task<DashboardSummary?> LoadAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await MaySeeAsync(db, principal, cancellationToken))
        {
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The figures are kept while the database's stamp stays the same (see EvaluatedFindings): a page opened again,
        // or prerendered and then rendered live, does not count 100,000 workflows twice. The acknowledgement rate is
        // not audited, so it is always read afresh.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var stamp = await EvaluatedFindings.DatabaseStamp.ReadAsync(db, today, cancellationToken);
        if (kept is not { } current || !EvaluatedFindings.StillCurrent(current.Stamp, current.At, stamp, clock.GetUtcNow()))
        {
            kept = current = new KeptSummary(stamp, clock.GetUtcNow(), await SummariseAsync(db, today, cancellationToken));
        }
        return current.Summary with { PolicyAcknowledgement = await Policies.PolicyAcknowledgements.RateAsync(db, cancellationToken) };
    }

    private sealed record KeptSummary(EvaluatedFindings.DatabaseStamp Stamp, DateTimeOffset At, DashboardSummary Summary);

    // Replaced whole (one reference), so circuits reading it at once see one summary or the other.
    private KeptSummary? kept;

    /// <summary>
    /// Open findings by severity (null for staff). Slower than the rest (every rule over every workflow in use), so the
    /// page shows the other figures first and fills this in when it arrives.
    /// </summary>
    public async Task<IReadOnlyDictionary<FindingSeverity, int>?> FindingsBySeverityAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await MaySeeAsync(db, principal, cancellationToken))
        {
            return null;
        }
        return await findings.CountBySeverityAsync(cancellationToken);
    }

    /// <summary>How many days of history the trends cover.</summary>
    public const int TrendDays = 90;

    /// <summary>
    /// The daily snapshots of the last <see cref="TrendDays"/> days, oldest first (null for staff). Only days on which a
    /// snapshot was actually taken appear: nothing is back-filled.
    /// </summary>
    public async Task<IReadOnlyList<RiskSnapshot>?> TrendAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await MaySeeAsync(db, principal, cancellationToken))
        {
            return null;
        }
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-TrendDays);
        return await db.RiskSnapshots.AsNoTracking().Where(s => s.Date > since).OrderBy(s => s.Date).ToListAsync(cancellationToken);
    }

    /// <summary>The figures themselves, without the role check (./bench.sh dashboard times this).</summary>
    public static async Task<DashboardSummary> SummariseAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var active = db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired);

        // One pass over the table gives statuses, tiers and the heat map: at most 5 statuses × 25 cells groups.
        var groups = await active.GroupBy(w => new { w.Status, w.RiskLikelihood, w.RiskImpact, w.RiskTier })
            .Select(g => new { g.Key.Status, g.Key.RiskLikelihood, g.Key.RiskImpact, g.Key.RiskTier, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var assessed = groups.Where(g => g.RiskLikelihood > 0).ToList();
        var byTier = assessed.GroupBy(g => g.RiskTier).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var heatMap = new int[RiskPoint.Maximum, RiskPoint.Maximum];
        foreach (var cell in assessed)
        {
            heatMap[cell.RiskLikelihood - 1, cell.RiskImpact - 1] += cell.Count;
        }
        var top = await active.OrderByDescending(w => w.RiskScore).ThenBy(w => w.Name).Take(TopCount)
            .Select(w => new TopRisk(w.Id, w.Name, w.Department!.Name, w.RiskScore, w.RiskLikelihood, w.RiskImpact, w.RiskTier, w.Status))
            .ToListAsync(cancellationToken);
        var overdue = await active.CountAsync(w => w.NextReviewDate < today, cancellationToken);
        var tools = await db.Tools.Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired)
            .GroupBy(t => t.PausedReason != null).Select(g => new { Paused = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new DashboardSummary(
            byStatus.Values.Sum(), tools.Sum(t => t.Count),
            Enum.GetValues<RiskTier>().ToDictionary(t => t, t => byTier.GetValueOrDefault(t)),
            Enum.GetValues<WorkflowStatus>().Where(s => s != WorkflowStatus.Retired).ToDictionary(s => s, s => byStatus.GetValueOrDefault(s)),
            heatMap, top, overdue, byStatus.GetValueOrDefault(WorkflowStatus.Paused), tools.Where(t => t.Paused).Sum(t => t.Count))
        {
            PolicyAcknowledgement = await Policies.PolicyAcknowledgements.RateAsync(db, cancellationToken),
        };
    }

    /// <summary>Managers, compliance officers and administrators see the dashboard; staff have the checker instead.</summary>
    private static async Task<bool> MaySeeAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await Actor.FindAsync(db, principal, cancellationToken) is { } actor && (actor.IsManager || actor.IsComplianceOrAdmin);
}

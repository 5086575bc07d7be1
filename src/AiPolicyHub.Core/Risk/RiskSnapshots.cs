using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Risk;

/// <summary>
/// The dashboard's headline figures on one day, kept so the dashboard can show how they moved. One row a day:
/// the date is unique, so several app instances recording the same day leave one row.
/// </summary>
public class RiskSnapshot
{
    public int Id { get; private set; }
    public DateOnly Date { get; private set; }
    public int Workflows { get; private set; }
    public int Low { get; private set; }
    public int Medium { get; private set; }
    public int High { get; private set; }
    public int Critical { get; private set; }
    public int OverdueReviews { get; private set; }
    public int PausedWorkflows { get; private set; }
    public int OpenFindings { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    private RiskSnapshot()
    {
    }

    public static RiskSnapshot Of(DateOnly date, DashboardSummary summary, int openFindings, DateTimeOffset recordedAt) => new()
    {
        Date = date,
        Workflows = summary.Workflows,
        Low = summary.ByTier.GetValueOrDefault(RiskTier.Low),
        Medium = summary.ByTier.GetValueOrDefault(RiskTier.Medium),
        High = summary.ByTier.GetValueOrDefault(RiskTier.High),
        Critical = summary.ByTier.GetValueOrDefault(RiskTier.Critical),
        OverdueReviews = summary.OverdueReviews,
        PausedWorkflows = summary.PausedWorkflows,
        OpenFindings = openFindings,
        RecordedAt = recordedAt,
    };

    public int Count(RiskTier tier) => tier switch
    {
        RiskTier.Low => Low,
        RiskTier.Medium => Medium,
        RiskTier.High => High,
        _ => Critical,
    };
}

/// <summary>
/// Records one <see cref="RiskSnapshot"/> a day; <see cref="Dashboard.TrendAsync"/> reads them back as its trends. Trends only ever come
/// from snapshots actually taken: nothing is back-filled or estimated.
/// </summary>
public sealed class RiskSnapshots(IDbContextFactory<AppDbContext> contexts, RuleSettingsStore rules, TimeProvider clock)
{
    /// <summary>Takes today's snapshot unless one exists; true when this call recorded it.</summary>
    public async Task<bool> RecordTodayAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.RiskSnapshots.AnyAsync(s => s.Date == today, cancellationToken))
        {
            return false;
        }
        var summary = await Dashboard.SummariseAsync(db, today, cancellationToken);
        var engine = new RuleEngine(await rules.LoadAsync(db, cancellationToken));
        var findings = await FindingsReport.CountBySeverityAsync(db, engine, today, cancellationToken);
        db.RiskSnapshots.Add(RiskSnapshot.Of(today, summary, findings.Values.Sum(), clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance took today's snapshot between our check and our insert: the unique date kept one row.
            if (await SomeoneElseRecordedAsync(today, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    private async Task<bool> SomeoneElseRecordedAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RiskSnapshots.AnyAsync(s => s.Date == today, cancellationToken);
    }
}

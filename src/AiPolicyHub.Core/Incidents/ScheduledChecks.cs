using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Incidents;

/// <summary>What one periodic check did.</summary>
public sealed record ScheduledCheckResult(int OverdueTriggersFired, int ReviewReminders, int DormantAgentTriggersFired = 0);

/// <summary>
/// The checks nothing else sets off: the overdue-review trigger and the "review coming due" notifications. Idempotent
/// (each event is recorded with a key), so running it often, or on several instances, does not repeat anything.
/// </summary>
public sealed class ScheduledChecks(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, Rules.Stored.RuleSettingsStore ruleSettings)
{
    /// <summary>Owners are reminded this many days before a review is due.</summary>
    public const int ReminderDays = 14;
    /// <summary>At most this many workflows per check and kind, so one run stays short; the next run takes the rest.</summary>
    public const int BatchSize = 500;

    public async Task<ScheduledCheckResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);
        return new ScheduledCheckResult(await OverdueReviewsAsync(today, cancellationToken), await ReviewRemindersAsync(today, cancellationToken),
            await Agents.AgentTriggers.DormantAgentsAsync(contexts, audit, ruleSettings, today, BatchSize, cancellationToken));
    }

    private async Task<int> OverdueReviewsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await RiskTriggerStore.LoadAsync(db, cancellationToken);
        if (!settings.For(RiskTriggerIds.ReviewOverdue).Enabled)
        {
            return 0;
        }
        var cutoff = today.AddDays(-settings.OverdueDays);
        var candidates = await db.Workflows.AsNoTracking()
            .Where(w => w.Status == WorkflowStatus.Approved && w.NextReviewDate < cutoff)
            .OrderBy(w => w.NextReviewDate).ThenBy(w => w.Id)
            .Select(w => new { w.Id, w.NextReviewDate }).Take(BatchSize).ToListAsync(cancellationToken);
        var keys = candidates.ToDictionary(c => c.Id, c => $"{RiskTriggerIds.ReviewOverdue}:{c.Id}:{c.NextReviewDate:yyyy-MM-dd}");
        var keyList = keys.Values.ToList();
        var done = (await db.Pauses.Where(p => p.EventKey != null && keyList.Contains(p.EventKey)).Select(p => p.EventKey!).ToListAsync(cancellationToken))
            .ToHashSet();
        var fired = 0;
        foreach (var candidate in candidates.Where(c => !done.Contains(keys[c.Id])))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var days = today.DayNumber - candidate.NextReviewDate!.Value.DayNumber;
            var result = await TriggerEvaluation.FireAsync(db, audit, Pausing.RiskTriggerActor, settings, RiskTriggerIds.ReviewOverdue, candidate.Id, null,
                null, $"Its review was due on {candidate.NextReviewDate:yyyy-MM-dd} and is {days} days overdue.", cancellationToken,
                eventKey: keys[candidate.Id]);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            fired += result is null ? 0 : 1;
        }
        return fired;
    }

    private async Task<int> ReviewRemindersAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var until = today.AddDays(ReminderDays);
        var due = await db.Workflows.AsNoTracking()
            .Where(w => w.Status != WorkflowStatus.Retired && w.OwnerId != null && w.NextReviewDate >= today && w.NextReviewDate <= until)
            .OrderBy(w => w.NextReviewDate).ThenBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.OwnerId, w.NextReviewDate }).Take(BatchSize).ToListAsync(cancellationToken);
        var keys = due.ToDictionary(d => d.Id, d => $"review-due:{d.Id}:{d.NextReviewDate:yyyy-MM-dd}");
        var keyList = keys.Values.ToList();
        var sent = (await db.Notifications.Where(n => n.Key != null && keyList.Contains(n.Key)).Select(n => n.Key!).ToListAsync(cancellationToken))
            .ToHashSet();
        var reminders = 0;
        foreach (var workflow in due.Where(d => !sent.Contains(keys[d.Id])))
        {
            NotificationCenter.Add(db, audit.Clock, [workflow.OwnerId], NotificationKind.ReviewDue,
                $"The review of “{workflow.Name}” is due on {workflow.NextReviewDate:d MMMM yyyy}", $"/workflows/{workflow.Id}", key: keys[workflow.Id]);
            reminders++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return reminders;
    }
}

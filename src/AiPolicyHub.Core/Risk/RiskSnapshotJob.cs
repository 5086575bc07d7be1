using AiPolicyHub.Core.Scheduling;

namespace AiPolicyHub.Core.Risk;

/// <summary>
/// Takes the day's risk snapshot for the dashboard's trends: at start-up, then once an hour checks whether the day has
/// turned (on one instance; the unique date would keep one row a day even without the lease).
/// </summary>
public sealed class RiskSnapshotJob(RiskSnapshots snapshots) : IScheduledJob
{
    public string Name => "risk-snapshot";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        await snapshots.RecordTodayAsync(cancellationToken) ? "Recorded today's risk snapshot." : "Today's risk snapshot was already taken.";
}

using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// Takes the day's risk snapshot for the dashboard's trends: at start-up, then once an hour checks whether the day has
/// turned. Safe with several instances (the date is unique); a failure is logged and tried again the next hour.
/// </summary>
internal sealed class DailyRiskSnapshot(RiskSnapshots snapshots, TimeProvider clock, ILogger<DailyRiskSnapshot> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (await snapshots.RecordTodayAsync(stoppingToken))
                {
                    logger.LogInformation("Recorded today's risk snapshot for the dashboard's trends");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not record today's risk snapshot; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

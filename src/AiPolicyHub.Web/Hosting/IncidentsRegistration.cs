using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Notifications;

namespace AiPolicyHub.Web.Hosting;

public static class IncidentsRegistration
{
    /// <summary>Incidents, risk triggers, pauses and restarts, in-app notifications, and the periodic checks.</summary>
    public static WebApplicationBuilder AddIncidentsAndPauses(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IncidentLog>();
        builder.Services.AddSingleton<PauseRegister>();
        builder.Services.AddSingleton<RiskTriggerStore>();
        builder.Services.AddSingleton<ScheduledChecks>();
        builder.Services.AddSingleton<NotificationCenter>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(ScheduledChecksOptions.Section).Get<ScheduledChecksOptions>()
            ?? new ScheduledChecksOptions());
        builder.Services.AddHostedService<ScheduledChecksService>();
        return builder;
    }
}

public sealed class ScheduledChecksOptions
{
    public const string Section = "ScheduledChecks";

    /// <summary>How often the overdue-review trigger and the review reminders are checked.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Runs <see cref="ScheduledChecks.RunAsync"/> on a timer. The checks are idempotent, so several instances running them
/// repeat nothing; the body stays one Core call so a cross-instance lease can wrap it later.
/// </summary>
internal sealed class ScheduledChecksService(ScheduledChecks checks, ScheduledChecksOptions options, ILogger<ScheduledChecksService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Interval);
        do
        {
            try
            {
                var result = await checks.RunAsync(stoppingToken);
                if (result.OverdueTriggersFired + result.ReviewReminders > 0)
                {
                    logger.LogInformation("Scheduled checks: {Fired} overdue-review trigger(s) fired, {Reminders} review reminder(s) sent",
                        result.OverdueTriggersFired, result.ReviewReminders);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The scheduled checks failed; they run again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

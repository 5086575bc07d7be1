using AiPolicyHub.Core.Scheduling;

namespace AiPolicyHub.Core.Incidents;

/// <summary>The periodic risk checks (<see cref="ScheduledChecks"/>) as a job the scheduler runs on one instance at a time.</summary>
public sealed class RiskTriggerCheckJob(ScheduledChecks checks) : IScheduledJob
{
    public string Name => "risk-trigger-checks";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await checks.RunAsync(cancellationToken);
        return $"{result.OverdueTriggersFired} overdue-review trigger(s) fired, {result.ReviewReminders} review reminder(s) sent.";
    }
}

using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Notifications;

namespace AiPolicyHub.Web.Hosting;

public static class IncidentsRegistration
{
    /// <summary>
    /// Incidents, risk triggers, pauses and restarts, in-app notifications, and the periodic risk checks (a scheduled job:
    /// once an hour on one instance; <c>Jobs:Job:risk-trigger-checks:Interval</c> overrides it).
    /// </summary>
    public static WebApplicationBuilder AddIncidentsAndPauses(this WebApplicationBuilder builder)
    {
        builder.Services.AddScheduledJob<RiskTriggerCheckJob>();
        builder.Services.AddScheduledJob<AiPolicyHub.Core.Obligations.SeriousIncidentDeadlineJob>();
        return builder;
    }
}

using AiPolicyHub.Core.LiveChanges;
using AiPolicyHub.Core.Scheduling;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// What lets several instances run side by side on one database: background jobs that run once across instances (a
/// lease in the database) and live notices that reach users on every instance. Data-protection keys are shared in
/// IdentityRegistration.
/// </summary>
public static class PlatformRegistration
{
    public static WebApplicationBuilder AddMultiInstancePlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        JobScheduler.NameInstance(builder.Configuration["Instance:Name"]);
        services.AddSingleton(builder.Configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions());
        services.AddSingleton(builder.Configuration.GetSection(ChangeFeedOptions.Section).Get<ChangeFeedOptions>() ?? new ChangeFeedOptions());
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        services.AddSingleton<ChangeFeedListener>();
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeedListener>());
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedListener>());

        services.AddScheduledJob<AuditChainCheckJob>();
        services.AddScheduledJob<ChangeNoticeCleanupJob>();

        // Email: notifications to the outbox, daily digests, sending (each message claimed by one instance).
        services.AddSingleton(builder.Configuration.GetSection(AiPolicyHub.Core.Email.EmailOptions.Section).Get<AiPolicyHub.Core.Email.EmailOptions>()
            ?? new AiPolicyHub.Core.Email.EmailOptions());
        services.AddScheduledJob<AiPolicyHub.Core.Email.EmailDeliveryJob>();
        // Webhooks: queues the audit trail's events and sends due deliveries (Core registers the one instance the admin page uses too).
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<AiPolicyHub.Core.Webhooks.WebhookDispatcher>());
        return builder;
    }

    public const string InstanceHeader = "X-AiPolicyHub-Instance";

    /// <summary>
    /// With <c>Instance:ResponseHeader=true</c> (for debugging a load balancer; off by default, as it names the host and
    /// process), names the instance that answered in a response header, so an operator (and the multi-instance test) can see
    /// where the load balancer sent a browser.
    /// </summary>
    public static WebApplication UseInstanceHeader(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Instance:ResponseHeader", false))
        {
            return app;
        }
        app.Use((context, next) =>
        {
            context.Response.Headers[InstanceHeader] = JobScheduler.InstanceName;
            return next(context);
        });
        return app;
    }

    /// <summary>Registers a job that <see cref="JobScheduler"/> runs every <see cref="IScheduledJob.Interval"/> on one instance.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services) where TJob : class, IScheduledJob =>
        services.AddSingleton<IScheduledJob, TJob>();
}

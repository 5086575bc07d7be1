using AiPolicyHub.Core;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Web.Hosting;

public static class DatabaseRegistration
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Core's services, wired in one place (the tests and the benchmarks use the same method). Pooled contexts: reusing
        // context instances is a fair share of a list page's cost (./bench.sh inventory). Identity's stores want a scoped
        // context: they get one from the same pool.
        builder.Services.AddAiPolicyHubCore(new CoreSettings(database)
        {
            ReviewCadence = ReviewCadenceFrom(builder.Configuration),
            Reports = builder.Configuration.GetSection(AiPolicyHub.Core.Reports.ReportOptions.Section).Get<AiPolicyHub.Core.Reports.ReportOptions>()
                ?? new AiPolicyHub.Core.Reports.ReportOptions(),
            Audit = AuditOptionsFrom(builder.Configuration),
            Webhooks = WebhooksRegistration.OptionsFrom(builder.Configuration),
        });
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        builder.Services.AddSingleton<AiPolicyHub.Web.Reports.HtmlReportRenderer>();
        builder.Services.AddSingleton(new AdministratorBootstrapSettings(
            builder.Configuration["AIPOLICYHUB_ADMIN_EMAIL"] ?? builder.Configuration["Bootstrap:AdminEmail"],
            builder.Configuration["AIPOLICYHUB_ADMIN_PASSWORD"] ?? builder.Configuration["Bootstrap:AdminPassword"]));
        // Registered before the web server's own hosted service, so the schema is ready before the first request.
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddScheduledJob<AiPolicyHub.Core.Risk.RiskSnapshotJob>();
        // The host would log a failed start-up with a stack trace; Program.cs reports a StartupException as
        // one line that says what to do, and any other exception still surfaces as an unhandled one.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return builder;
    }

    /// <summary>The <c>Audit</c> section; the key may also come from <c>AIPOLICYHUB_AUDIT_KEY</c>, as the bootstrap settings do.</summary>
    private static AuditOptions AuditOptionsFrom(IConfiguration configuration)
    {
        var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        if (configuration[AuditOptions.KeyVariable] is { Length: > 0 } key)
        {
            options.Key = key;
        }
        return options;
    }

    /// <summary>The review cadence per risk tier; a month count out of range stops the start with a message saying which.</summary>
    private static ReviewCadence ReviewCadenceFrom(IConfiguration configuration)
    {
        var options = configuration.GetSection(ReviewCadenceOptions.Section).Get<ReviewCadenceOptions>() ?? new ReviewCadenceOptions();
        try
        {
            return new ReviewCadence(options);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new StartupException(e.Message.Split(" (Parameter")[0]);
        }
    }
}

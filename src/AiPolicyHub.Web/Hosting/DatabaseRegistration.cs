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
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(TimeProvider.System);
        // Services take a short-lived context from the factory for each use case (a Blazor circuit outlives a
        // request); pooling reuses context instances, which ./bench.sh inventory shows is a fair share of a list
        // page's cost. Identity's stores want a scoped context: they get one from the same pool.
        builder.Services.AddPooledDbContextFactory<AppDbContext>(options => options.UseConfiguredDatabase(database));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<WorkflowInventory>();
        builder.Services.AddSingleton<ToolCatalog>();
        builder.Services.AddSingleton(ReviewCadenceFrom(builder.Configuration));
        builder.Services.AddSingleton<IWorkflowRiskTiers, StoredRiskTiers>();
        builder.Services.AddSingleton<WorkflowApprovals>();
        builder.Services.AddSingleton<ToolDirectory>();
        builder.Services.AddSingleton<InventoryLookups>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<OrganisationSettings>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Rules.Stored.RuleSettingsStore>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Rules.Stored.RuleExceptions>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Rules.FindingsReport>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Risk.Dashboard>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Risk.EuAiActDecisions>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Risk.RiskSettings>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Rules.UsageAdvisor>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(AiPolicyHub.Core.Reports.ReportOptions.Section).Get<AiPolicyHub.Core.Reports.ReportOptions>()
            ?? new AiPolicyHub.Core.Reports.ReportOptions());
        builder.Services.AddSingleton<AiPolicyHub.Core.Reports.ReportService>();
        builder.Services.AddSingleton<AiPolicyHub.Core.ImportExport.InventoryImporter>();
        builder.Services.AddSingleton<AiPolicyHub.Core.ImportExport.ImportPresets>();
        builder.Services.AddSingleton<AiPolicyHub.Core.ImportExport.Export.InventoryExporter>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Policies.PolicyDocuments>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Policies.PolicyAcknowledgements>();
        builder.Services.AddSingleton<AiPolicyHub.Web.Reports.HtmlReportRenderer>();
        builder.Services.AddScoped<IdentityBootstrapper>();
        builder.Services.AddSingleton(new AdministratorBootstrapSettings(
            builder.Configuration["AIPOLICYHUB_ADMIN_EMAIL"] ?? builder.Configuration["Bootstrap:AdminEmail"],
            builder.Configuration["AIPOLICYHUB_ADMIN_PASSWORD"] ?? builder.Configuration["Bootstrap:AdminPassword"]));
        // Registered before the web server's own hosted service, so the schema is ready before the first request.
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddSingleton<AiPolicyHub.Core.Risk.RiskSnapshots>();
        builder.Services.AddScheduledJob<AiPolicyHub.Core.Risk.RiskSnapshotJob>();
        // The host would log a failed start-up with a stack trace; Program.cs reports a StartupException as
        // one line that says what to do, and any other exception still surfaces as an unhandled one.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return builder;
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

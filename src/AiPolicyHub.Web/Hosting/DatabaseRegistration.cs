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
        // The factory serves interactive components (a circuit outlives a request); it also
        // registers a scoped AppDbContext for Identity's stores and request-scoped work.
        builder.Services.AddDbContextFactory<AppDbContext>(options => options.UseConfiguredDatabase(database));
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<WorkflowInventory>();
        builder.Services.AddSingleton<ToolCatalog>();
        builder.Services.AddSingleton<InventoryLookups>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<OrganisationSettings>();
        builder.Services.AddScoped<IdentityBootstrapper>();
        builder.Services.AddSingleton(new AdministratorBootstrapSettings(
            builder.Configuration["AIPOLICYHUB_ADMIN_EMAIL"] ?? builder.Configuration["Bootstrap:AdminEmail"],
            builder.Configuration["AIPOLICYHUB_ADMIN_PASSWORD"] ?? builder.Configuration["Bootstrap:AdminPassword"]));
        // Registered before the web server's own hosted service, so the schema is ready before the first request.
        builder.Services.AddHostedService<StartupTasks>();
        // The host would log a failed start-up with a stack trace; Program.cs reports a StartupException as
        // one line that says what to do, and any other exception still surfaces as an unhandled one.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return builder;
    }
}

using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// Migrates the database and makes sure somebody can sign in, before the server takes requests;
/// with <c>--seed-demo</c>, then loads the demo inventory into an empty one.
/// </summary>
internal sealed class StartupTasks(
    DatabaseInitializer database, IServiceScopeFactory scopes, AdministratorBootstrapSettings admin,
    IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();
        await identity.EnsureRolesAsync();
        await identity.EnsureFirstAdministratorAsync(admin);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await ReferenceData.EnsureAsync(db, cancellationToken);
        var assessed = await AiPolicyHub.Core.Risk.RiskIndex.UpdateUnassessedAsync(db, cancellationToken);
        if (assessed > 0)
        {
            logger.LogInformation("Assessed the risk of {Count} workflow(s) not assessed before", assessed);
        }

        if (DemoSeeding.IsRequested(configuration))
        {
            var result = await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<AiPolicyHub.Core.Auditing.AuditTrail>(), cancellationToken);
            logger.LogInformation("Demo data (--seed-demo): {Result}", result);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Web.Hosting;

/// <summary>Migrates the database and makes sure somebody can sign in, before the server takes requests.</summary>
internal sealed class StartupTasks(
    DatabaseInitializer database, IServiceScopeFactory scopes, AdministratorBootstrapSettings admin) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();
        await identity.EnsureRolesAsync();
        await identity.EnsureFirstAdministratorAsync(admin);
        await ReferenceData.EnsureAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

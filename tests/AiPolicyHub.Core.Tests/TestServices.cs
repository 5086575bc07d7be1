using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiPolicyHub.Core.Tests;

/// <summary>Core's services over a real SQLite file, wired as the app wires them, without the web host.</summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly TempFolder folder = new();

    public ServiceProvider Provider { get; }
    public DatabaseOptions Database { get; }

    public TestServices()
    {
        Database = new DatabaseOptions { DataFolder = folder.Path };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Database);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<AppDbContext>(o => o.UseConfiguredDatabase(Database));
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddScoped<IdentityBootstrapper>();
        services.AddSingleton<UserAdministration>();
        Provider = services.BuildServiceProvider();
    }

    public async Task<TestServices> InitializeAsync()
    {
        await Provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var scope = Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>().EnsureRolesAsync();
        return this;
    }

    public T InScope<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Provider.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        folder.Dispose();
    }
}

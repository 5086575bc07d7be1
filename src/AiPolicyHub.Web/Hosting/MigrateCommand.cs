using AiPolicyHub.Core.Data;
using Microsoft.Data.Sqlite;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// <c>--migrate</c>: brings the configured database's schema up to this version and exits, without starting the web
/// server. For upgrades where the schema should change before any instance of the new version takes requests
/// (infra/README.md, Upgrading); a normal start does the same before it listens.
/// </summary>
public static class MigrateCommand
{
    public const string ConfigurationKey = "migrate";

    public static bool IsRequested(IConfiguration configuration) => CommandLine.IsOn(configuration, ConfigurationKey);

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        // Closing the pooled connections folds SQLite's write-ahead log into the file: the file alone is then complete.
        SqliteConnection.ClearAllPools();
        Console.WriteLine("The database schema is up to date.");
        return 0;
    }
}

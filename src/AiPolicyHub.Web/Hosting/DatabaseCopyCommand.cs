using AiPolicyHub.Core;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// <c>--copy-database-to "&lt;PostgreSQL connection string&gt;"</c>: copies the configured database (normally the SQLite
/// file) into a new, empty PostgreSQL database and exits, without starting the web server. Stop the app first, so
/// nothing changes during the copy. See infra/README.md, "Moving from SQLite to PostgreSQL".
/// </summary>
public static class DatabaseCopyCommand
{
    public const string ConfigurationKey = "copy-database-to";

    public static string? Target(IConfiguration configuration) =>
        configuration[ConfigurationKey] is { Length: > 0 } target ? target : null;

    public static async Task<int> RunAsync(IServiceProvider services, string targetConnectionString)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseCopyCommand));
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(); // the source, migrated to this version
        await using var source = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var targetOptions = new DbContextOptionsBuilder<AppDbContext>();
        targetOptions.UseConfiguredDatabase(new DatabaseOptions { Provider = "Postgres", ConnectionString = targetConnectionString })
            .UseApplicationServiceProvider(services);
        await using var target = new AppDbContext(targetOptions.Options);
        if (target.Database.GetConnectionString() == source.Database.GetConnectionString())
        {
            throw new StartupException("The copy's target is the database the app is configured to use.");
        }

        var result = await DatabaseCopy.CopyAsync(source, target);
        foreach (var (table, rows) in result.Tables.Where(t => t.Rows > 0))
        {
            logger.LogInformation("Copied {Rows} row(s) of {Table}", rows, table);
        }
        // With this instance's audit key: the copy keeps the chain's head and checkpoints, sealed with the same key.
        var verification = await services.GetRequiredService<Core.Auditing.AuditTrail>().VerifyAsync(target);
        logger.LogInformation("Copied {Rows} row(s) in {Tables} tables. The copy's audit trail: {Verification}",
            result.TotalRows, result.Tables.Count, verification.Message);
        Console.WriteLine($"Copied {result.TotalRows} rows. Now set Database__Provider=Postgres and Database__ConnectionString to the target, and start the app.");
        return verification.Intact ? 0 : 1;
    }
}

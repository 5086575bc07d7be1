using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPolicyHub.Core.Data;

public static class DatabaseProvider
{
    /// <summary>Points EF Core at the configured provider. Features never look at the provider.</summary>
    public static DbContextOptionsBuilder UseConfiguredDatabase(this DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Provider.ToLowerInvariant())
        {
            case "sqlite":
                options.UseSqlite(SqliteConnectionString(database));
                break;
            case "postgres" or "postgresql" or "npgsql":
                if (string.IsNullOrWhiteSpace(database.ConnectionString))
                {
                    throw new StartupException(
                        "Database:Provider is 'Postgres' but Database:ConnectionString is empty. Set it (environment variable " +
                        "Database__ConnectionString), e.g. 'Host=db;Database=aipolicyhub;Username=aipolicyhub;Password=…'.");
                }
                options.UseNpgsql(database.ConnectionString);
                break;
            default:
                throw new StartupException(
                    $"Database:Provider '{database.Provider}' is not supported. Set it to 'Sqlite' or 'Postgres'.");
        }

        // Migrations are hand-written without a model snapshot (see PLATFORM.md); the schema test
        // proves they match the model, so EF's snapshot comparison has nothing to add.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static string SqliteConnectionString(DatabaseOptions database)
    {
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString ?? "")
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        if (string.IsNullOrEmpty(database.ConnectionString))
        {
            builder.DataSource = database.SqliteFilePath;
        }
        return builder.ToString();
    }
}

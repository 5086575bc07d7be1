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
                options.UseNpgsql(database.ConnectionString).AddInterceptors(new WriterSerialization());
                break;
            default:
                throw new StartupException(
                    $"Database:Provider '{database.Provider}' is not supported. Set it to 'Sqlite' or 'Postgres'.");
        }

        // The model snapshot (Data/Migrations/AppDbContextModelSnapshot.cs) is written for SQLite, while the same
        // migrations also serve PostgreSQL, whose model differs in column types: EF's run-time comparison would always
        // find "changes" there. ./test.sh compares the snapshot with the model (dotnet ef migrations
        // has-pending-model-changes) and the schema tests compare each provider's migrated schema with its model.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .AddInterceptors(Telemetry.DatabaseCommandTiming.Instance);
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

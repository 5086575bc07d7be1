using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiPolicyHub.Tests.Shared;

/// <summary>
/// Where a test's database lives. By default a SQLite file in the test's own folder; with
/// <c>AIPOLICYHUB_TEST_POSTGRES</c> set to a connection string (./test.sh does that for its second pass), a PostgreSQL
/// database of its own, named after the folder, so a test that restarts the app on the same folder finds its data again.
/// Each database is copied from a template migrated once per test process, so a test pays for a copy, not for migrating.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "AIPOLICYHUB_TEST_POSTGRES";

    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    private static readonly Lock Creating = new();
    private static string? template;

    /// <summary>The database settings for a test whose files live in <paramref name="folder"/>; creates the PostgreSQL database when missing.</summary>
    public static DatabaseOptions For(string folder)
    {
        if (PostgresServer is not { } server)
        {
            return new DatabaseOptions { DataFolder = folder };
        }
        var name = NameFor(folder);
        lock (Creating)
        {
            template ??= CreateTemplate(server);
            using var connection = Open(server);
            if (!Exists(connection, name))
            {
                // FILE_COPY copies the template's files (fsync is off in the test cluster) instead of writing them all to the WAL:
                // half the server's time per database, for the ~1,100 databases of a PostgreSQL pass.
                Execute(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY");
            }
        }
        return new DatabaseOptions { Provider = "Postgres", DataFolder = folder, ConnectionString = ConnectionString(server, name) };
    }

    private static string? sqliteTemplate;

    /// <summary>
    /// PBKDF2 rounds for test users' passwords: the app's 210,000 cost every created user and every sign-in a fifth of a
    /// second of CPU. The app's own figure is tested once (Web.Tests, SignInTests) with <c>AppFactory.RealPasswordHashing</c>.
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    /// <summary>
    /// For SQLite, puts a copy of a database migrated once per test process into <paramref name="options"/>' data folder
    /// (when it has no database yet), so the test's start-up finds the schema current instead of migrating. PostgreSQL
    /// databases come from their template already (<see cref="For"/>).
    /// </summary>
    public static void UseMigratedSqlite(DatabaseOptions options)
    {
        if (options.IsPostgres || File.Exists(options.SqliteFilePath))
        {
            return;
        }
        lock (Creating)
        {
            sqliteTemplate ??= CreateSqliteTemplate();
        }
        Directory.CreateDirectory(options.DataFolder);
        File.Copy(sqliteTemplate, options.SqliteFilePath);
    }

    private static string CreateSqliteTemplate()
    {
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-schema-").FullName;
        var options = new DatabaseOptions { DataFolder = folder };
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseConfiguredDatabase(options);
        using (var db = new AppDbContext(builder.Options))
        {
            db.Database.Migrate();
        }
        // The file is complete only once every connection to it is closed.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        return options.SqliteFilePath;
    }

    /// <summary>A PostgreSQL database of the given name on the test server, created empty (no schema) when missing.</summary>
    public static string CreateEmptyPostgres(string name)
    {
        var server = PostgresServer ?? throw new InvalidOperationException($"{Variable} is not set.");
        using var connection = Open(server);
        if (!Exists(connection, name))
        {
            Execute(connection, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
        }
        return ConnectionString(server, name);
    }

    /// <summary>Removes the PostgreSQL database of the test in <paramref name="folder"/> (nothing to do on SQLite: the folder goes).</summary>
    public static void Drop(string folder)
    {
        if (PostgresServer is { } server)
        {
            DropDatabase(server, NameFor(folder));
        }
    }

    public static void DropDatabase(string server, string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(server, name)));
        using var connection = Open(server);
        Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static string ConnectionString(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static string NameFor(string folder) =>
        "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..24];

    private static string CreateTemplate(string server)
    {
        var name = $"template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseConfiguredDatabase(new DatabaseOptions { Provider = "Postgres", ConnectionString = ConnectionString(server, name) });
        using (var db = new AppDbContext(options.Options))
        {
            db.Database.Migrate(); // creates the database, then the schema
        }
        // A template may not have connections while it is copied.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(server, name)));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { DropDatabase(server, name); } catch (NpgsqlException) { } // the server may be gone already
        };
        return name;
    }

    private static NpgsqlConnection Open(string server)
    {
        var connection = new NpgsqlConnection(ConnectionString(server, "postgres"));
        connection.Open();
        return connection;
    }

    private static bool Exists(NpgsqlConnection connection, string name)
    {
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return command.ExecuteScalar() is not null;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

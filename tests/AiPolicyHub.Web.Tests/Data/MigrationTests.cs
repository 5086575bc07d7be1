using AiPolicyHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AiPolicyHub.Tests.Shared;
using Npgsql;

namespace AiPolicyHub.Web.Tests.Data;

public class MigrationTests
{
    [Fact]
    public async Task Migrated_schema_matches_the_model_exactly()
    {
        if (TestDatabase.IsPostgres)
        {
            await PostgresMigratedSchemaMatchesTheModelAsync();
            return;
        }
        using var app = new AppFactory { MigratesItself = true };
        _ = app.Server; // start-up migrates the app's database
        var migratedFile = app.Services.GetRequiredService<DatabaseOptions>().SqliteFilePath;
        var createdFile = Path.Combine(app.DataFolder, "from-model.db");

        // Same model as the app (including Identity's options from the app's services), built straight from it.
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={createdFile}")
            .UseApplicationServiceProvider(app.Services)
            .Options;
        await using (var fromModel = new AppDbContext(options))
        {
            await fromModel.Database.EnsureCreatedAsync();
        }

        var migrated = await DescribeSchemaAsync(migratedFile);
        var created = await DescribeSchemaAsync(createdFile);

        Assert.NotEmpty(created);
        Assert.Equal(created, migrated);
        // Beyond the model, the migrations add the workflow search index (an FTS5 table EF cannot model).
        Assert.Contains("WorkflowSearch", await TableNamesAsync(migratedFile));
    }

    [Fact]
    public async Task Every_migration_is_applied_at_start_up()
    {
        using var app = new AppFactory { MigratesItself = true };
        _ = app.Server;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>
    /// The same proof on PostgreSQL: the app migrates its database at start-up, a second database is created from the
    /// model, and their catalogues (tables, columns with types, defaults and identity, indexes, keys) must be equal.
    /// </summary>
    private static async Task PostgresMigratedSchemaMatchesTheModelAsync()
    {
        using var app = new AppFactory { MigratesItself = true };
        _ = app.Server;
        var migrated = app.Services.GetRequiredService<DatabaseOptions>().ConnectionString!;
        var createdName = $"from_model_{Guid.NewGuid():N}";
        var created = TestDatabase.ConnectionString(TestDatabase.PostgresServer!, createdName);
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql(created)
                .UseApplicationServiceProvider(app.Services)
                .Options;
            await using (var fromModel = new AppDbContext(options))
            {
                await fromModel.Database.EnsureCreatedAsync();
            }

            var migratedSchema = await DescribePostgresSchemaAsync(migrated);
            var createdSchema = await DescribePostgresSchemaAsync(created);

            Assert.NotEmpty(createdSchema);
            Assert.Equal(createdSchema, migratedSchema);
            // Beyond the model, the migrations add the trigram indexes of the workflow search.
            var indexes = await QueryPostgresAsync(migrated, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
            Assert.Contains(indexes, i => i[0] == Core.Data.Migrations.WorkflowSearch.PostgresNameIndex);
            Assert.Contains(indexes, i => i[0] == Core.Data.Migrations.WorkflowSearch.PostgresPurposeIndex);
        }
        finally
        {
            TestDatabase.DropDatabase(TestDatabase.PostgresServer!, createdName);
        }
    }

    private static async Task<List<string>> DescribePostgresSchemaAsync(string connectionString)
    {
        const string NotEfTables = "('__EFMigrationsHistory', '__EFMigrationsLock')";
        var lines = new List<string>();
        foreach (var c in await QueryPostgresAsync(connectionString, $"""
            SELECT table_name, column_name, udt_name, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN {NotEfTables}
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} type={c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]} {c[7]}");
        }
        foreach (var i in await QueryPostgresAsync(connectionString, $"""
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename NOT IN {NotEfTables} AND indexname NOT LIKE 'IX_Workflows_Search_%'
            """))
        {
            lines.Add($"index {i[0]} {i[1]}: {i[2]}");
        }
        foreach (var k in await QueryPostgresAsync(connectionString, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"__EF%'
            """))
        {
            lines.Add($"constraint {k[0]} {k[1]}: {k[2]}");
        }
        foreach (var e in await QueryPostgresAsync(connectionString, "SELECT extname FROM pg_extension WHERE extname <> 'pg_trgm'"))
        {
            lines.Add($"extension {e[0]}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string?[]>> QueryPostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i))).ToArray());
        }
        return rows;
    }

    /// <summary>Tables, columns, keys, indexes and foreign keys, one line each, sorted.</summary>
    private static async Task<List<string>> DescribeSchemaAsync(string file)
    {
        var lines = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') AND name NOT LIKE 'WorkflowSearch%'");
        foreach (var table in tables.Select(t => t[0]))
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} type={c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }
            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                var name = i[2] == "c" ? i[0] : $"({i[2]})"; // auto-named key indexes differ only in SQLite's own names
                lines.Add($"index {table} {name} unique={i[1]} on {string.Join(",", columns.Select(x => x[0]))}");
            }
            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"fk {table}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string?>> TableNamesAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return (await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'")).Select(r => r[0]).ToList();
    }

    private static async Task<List<string?[]>> QueryAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i))).ToArray());
        }
        return rows;
    }
}

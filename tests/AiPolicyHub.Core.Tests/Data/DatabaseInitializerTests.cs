using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Data;

public class DatabaseInitializerTests
{
    [Fact]
    public async Task A_missing_data_folder_is_created_and_migrated()
    {
        using var parent = new TempFolder();
        var folder = Path.Combine(parent.Path, "nested", "data");
        await using var services = ServicesFor(folder);

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.True(File.Exists(Path.Combine(folder, DatabaseOptions.SqliteFileName)));
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode;"));
        Assert.Equal("1", await Scalar(db, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_startup_and_is_left_untouched()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, DatabaseOptions.SqliteFileName);
        var garbage = "these are not the rows you are looking for"u8.ToArray();
        await File.WriteAllBytesAsync(file, garbage);
        await using var services = ServicesFor(folder.Path);

        var error = await Assert.ThrowsAsync<StartupException>(
            () => services.GetRequiredService<DatabaseInitializer>().InitializeAsync());

        Assert.Contains("not a readable SQLite database", error.Message);
        Assert.Contains("will not overwrite", error.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_database_with_a_damaged_body_stops_startup_with_the_same_advice()
    {
        using var folder = new TempFolder();
        await using (var services = ServicesFor(folder.Path))
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Path.Combine(folder.Path, DatabaseOptions.SqliteFileName);
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        // Keep the valid header, scribble over the schema page.
        await using (var stream = File.OpenWrite(file))
        {
            stream.Seek(100, SeekOrigin.Begin);
            stream.Write(Enumerable.Repeat((byte)0xAB, 3000).ToArray());
        }

        await using var reopened = ServicesFor(folder.Path);
        var error = await Assert.ThrowsAsync<StartupException>(
            () => reopened.GetRequiredService<DatabaseInitializer>().InitializeAsync());
        Assert.Contains("Restore it from a backup", error.Message);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created_says_which_setting_to_change()
    {
        using var parent = new TempFolder();
        var blocker = Path.Combine(parent.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "");
        await using var services = ServicesFor(Path.Combine(blocker, "data"));

        var error = await Assert.ThrowsAsync<StartupException>(
            () => services.GetRequiredService<DatabaseInitializer>().InitializeAsync());

        Assert.Contains("Database:DataFolder", error.Message);
    }

    [Fact]
    public async Task Initializing_twice_keeps_the_data()
    {
        await using var test = await new TestServices().InitializeAsync();
        await using (var db = await test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "k", Xml = "<key/>" });
            await db.SaveChangesAsync();
        }

        await test.Provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var again = await test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await again.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public void An_unknown_provider_is_refused_with_the_supported_names()
    {
        var error = Assert.Throws<StartupException>(() =>
            new DbContextOptionsBuilder<AppDbContext>().UseConfiguredDatabase(new DatabaseOptions { Provider = "Oracle" }));
        Assert.Contains("'Oracle' is not supported", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_with_the_setting_to_fill_in()
    {
        var error = Assert.Throws<StartupException>(() =>
            new DbContextOptionsBuilder<AppDbContext>().UseConfiguredDatabase(new DatabaseOptions { Provider = "Postgres" }));
        Assert.Contains("Database:ConnectionString", error.Message);
        Assert.Contains("Database__ConnectionString", error.Message);
    }

    private static ServiceProvider ServicesFor(string folder)
    {
        var options = new DatabaseOptions { DataFolder = folder };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(options);
        services.AddDbContextFactory<AppDbContext>(o => o.UseConfiguredDatabase(options));
        services.AddSingleton(AiPolicyHub.Core.Auditing.AuditChainKey.Load(new AiPolicyHub.Core.Auditing.AuditOptions(), options));
        services.AddSingleton<DatabaseInitializer>();
        return services.BuildServiceProvider();
    }

    private static async Task<string> Scalar(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync())!;
    }
}

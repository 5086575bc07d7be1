using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Backups;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiPolicyHub.Core.Tests.Backups;

/// <summary>
/// Backups of the SQLite database (always SQLite, also in the PostgreSQL pass: PostgreSQL is backed up with pg_dump).
/// </summary>
public sealed class DatabaseBackupTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Actor Writer = new("writer", "Continuous writer", new HashSet<string>(), new HashSet<int>());
    private readonly TempFolder live = new(), restored = new(), backups = new();

    [Fact]
    public async Task A_backup_taken_while_another_task_writes_restores_into_a_fresh_folder_as_the_database_was_at_one_moment()
    {
        await using var app = await LiveDatabaseAsync(live.Path, workflows: 10_000);
        var contexts = app.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var trail = app.GetRequiredService<AuditTrail>();
        var workflowCount = (await app.GetRequiredService<DatabaseBackups>().InspectAsync(app.GetRequiredService<DatabaseBackups>().DatabaseFile)).Workflows;
        Assert.True(workflowCount > 10_000);
        var committed = 0;
        using var stop = new CancellationTokenSource();
        // Each write is one transaction: a department and its audit entry, as the app writes them.
        var writer = Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                await using var db = await contexts.CreateDbContextAsync();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var department = db.Departments.Add(new Department { Name = $"Writer {n}" }).Entity;
                await db.SaveChangesAsync();
                await trail.AppendAsync(db, Writer, "Department", department.Id.ToString(), department.Name, AuditAction.Created, []);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                Volatile.Write(ref committed, n);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref committed) >= 20);

        var backupFile = Path.Combine(backups.Path, "backup.db");
        var before = Volatile.Read(ref committed);
        var backup = await app.GetRequiredService<DatabaseBackups>().BackupAsync(backupFile);
        var after = Volatile.Read(ref committed);
        await WaitUntilAsync(() => Volatile.Read(ref committed) >= after + 20); // the app goes on writing after the backup
        await stop.CancelAsync();
        await writer;
        output.WriteLine($"backup: {backup.Bytes:N0} bytes, copy {backup.CopyTime.TotalMilliseconds:N0} ms, total {backup.TotalTime.TotalMilliseconds:N0} ms; " +
            $"writes committed before {before}, after {after}, in all {committed}");

        await using var fresh = Services(restored.Path);
        var restore = await fresh.GetRequiredService<DatabaseBackups>().RestoreAsync(backupFile, force: false);

        var facts = restore.After;
        Assert.Null(restore.Before);
        Assert.Equal("ok", facts.IntegrityCheck);
        Assert.True(facts.Audit.Intact, facts.Audit.Message);
        Assert.Equal(0, restore.PendingMigrations);
        await using var db = await fresh.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal("ok", (await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single());
        Assert.True((await fresh.GetRequiredService<AuditTrail>().VerifyAsync(db)).Intact);
        // The moment of the backup: every write committed before it started, none after it ended, and no half of a write.
        var written = await db.Departments.Where(d => d.Name.StartsWith("Writer ")).Select(d => d.Name).ToListAsync();
        var numbers = written.Select(n => int.Parse(n["Writer ".Length..])).Order().ToList();
        Assert.InRange(numbers.Count, before, after);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Equal(numbers.Count, await db.AuditEntries.CountAsync(e => e.UserId == Writer.UserId));
        Assert.Equal(workflowCount, await db.Workflows.CountAsync());
        Assert.True(numbers.Count < committed, "the writer went on after the backup");
        Assert.Equal(backup.Facts.AuditEntries, facts.AuditEntries);
    }

    [Fact]
    public async Task Restore_refuses_to_replace_data_without_force_and_replaces_it_with_force()
    {
        DatabaseFacts backedUp;
        await using (var live10 = await LiveDatabaseAsync(live.Path, workflows: 10))
        {
            backedUp = await live10.GetRequiredService<DatabaseBackups>().InspectAsync(Path.Combine(live.Path, DatabaseOptions.SqliteFileName));
        }
        var backupFile = Path.Combine(backups.Path, "backup.db");
        await using (var source = Services(live.Path))
        {
            await source.GetRequiredService<DatabaseBackups>().BackupAsync(backupFile);
        }
        await using var other = await LiveDatabaseAsync(restored.Path, workflows: 3);
        var backupsOfOther = other.GetRequiredService<DatabaseBackups>();

        var refused = await Assert.ThrowsAsync<BackupException>(() => backupsOfOther.RestoreAsync(backupFile, force: false));
        Assert.Contains("holds data", refused.Message);
        Assert.Contains("--force", refused.Message);
        var untouched = await backupsOfOther.InspectAsync(backupsOfOther.DatabaseFile);
        Assert.Equal(backedUp.Workflows - 7, untouched.Workflows);

        var restore = await backupsOfOther.RestoreAsync(backupFile, force: true);
        Assert.Equal(untouched.Workflows, restore.Before!.Workflows);
        Assert.Equal(backedUp.Workflows, restore.After.Workflows);
        Assert.Equal(backedUp.AuditEntries, restore.After.AuditEntries);
        Assert.True(restore.After.Audit.Intact);
        Assert.Equal(restore.Incoming.SchemaVersion, restore.After.SchemaVersion);
        // The restored database opens and migrates like any other.
        await other.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    [Fact]
    public async Task Restore_refuses_a_backup_whose_audit_trail_was_edited_and_a_backup_never_overwrites_a_file()
    {
        await using var app = await LiveDatabaseAsync(live.Path, workflows: 0);
        var backupFile = Path.Combine(backups.Path, "backup.db");
        var service = app.GetRequiredService<DatabaseBackups>();
        await service.BackupAsync(backupFile);
        var again = await Assert.ThrowsAsync<BackupException>(() => service.BackupAsync(backupFile));
        Assert.Contains("never overwrites", again.Message);

        await using (var connection = new SqliteConnection($"Data Source={backupFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE \"AuditEntries\" SET \"EntityName\" = 'edited' WHERE \"Id\" = (SELECT min(\"Id\") FROM \"AuditEntries\")";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }
        await using var fresh = Services(restored.Path);
        var refused = await Assert.ThrowsAsync<BackupException>(() => fresh.GetRequiredService<DatabaseBackups>().RestoreAsync(backupFile, force: true));
        Assert.Contains("audit trail does not verify", refused.Message);
        Assert.False(File.Exists(Path.Combine(restored.Path, DatabaseOptions.SqliteFileName)));
    }

    [Fact]
    public async Task Scheduled_backups_keep_the_newest_ones_by_the_retention_setting()
    {
        var clock = new TestClock();
        await using var app = await LiveDatabaseAsync(live.Path, workflows: 0, clock);
        var job = new ScheduledBackupJob(app.GetRequiredService<DatabaseBackups>(), new BackupOptions { Folder = backups.Path, Keep = 2 });
        var outcomes = new List<string>();
        for (var day = 0; day < 4; day++)
        {
            outcomes.Add(await job.RunAsync(default));
            clock.AddDays(1);
        }

        Assert.Equal(["aipolicyhub-20261203-100000Z.db", "aipolicyhub-20261204-100000Z.db"],
            Directory.GetFiles(backups.Path).Select(Path.GetFileName).Order());
        Assert.Contains("removed 1 old backup(s), keeping 2", outcomes[^1]);
        Assert.True((await app.GetRequiredService<DatabaseBackups>().InspectAsync(Path.Combine(backups.Path, "aipolicyhub-20261204-100000Z.db"))).Audit.Intact);
    }

    /// <summary>A migrated database with a user, the demo inventory and <paramref name="workflows"/> generated workflows.</summary>
    private static async Task<ServiceProvider> LiveDatabaseAsync(string folder, int workflows, TimeProvider? clock = null)
    {
        var services = Services(folder, clock);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await ReferenceData.EnsureAsync(db);
        db.Users.Add(new AppUser { UserName = "ana@example.com", Email = "ana@example.com", DisplayName = "Ana", CreatedAt = TestClock.Start });
        await db.SaveChangesAsync();
        await DemoData.SeedAsync(db, services.GetRequiredService<AuditTrail>(), default);
        if (workflows > 0)
        {
            await WorkflowGenerator.GenerateAsync(db, workflows, DateOnly.FromDateTime(TestClock.Start.UtcDateTime));
        }
        return services;
    }

    private static readonly string SharedKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static ServiceProvider Services(string folder, TimeProvider? clock = null)
    {
        var database = new DatabaseOptions { DataFolder = folder };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock ?? new TestClock());
        // One installation's key in every folder: a backup restored elsewhere is verified with the key it was sealed with.
        services.AddAiPolicyHubCore(new CoreSettings(database) { PoolContexts = false, Audit = new AuditOptions { Key = SharedKey } });
        return services.BuildServiceProvider();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "timed out");
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        live.Dispose();
        restored.Dispose();
        backups.Dispose();
    }
}

using System.Diagnostics;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Backups;

/// <summary>
/// Backs up and restores the SQLite database. A backup uses SQLite's online backup API: it copies every page within
/// one read transaction, so the copy is the database as it was at one moment, while the app keeps writing (WAL mode lets
/// writers go on meanwhile). Both directions check the copy — SQLite's integrity check, the schema version, the audit
/// trail's hash chain — and never leave a half-written file under the name asked for. PostgreSQL has its own tools
/// (pg_dump, pg_restore: infra/README.md).
/// </summary>
public sealed class DatabaseBackups(DatabaseOptions options, TimeProvider clock, AuditTrail audit, ILogger<DatabaseBackups> logger)
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>The database file this instance uses.</summary>
    public string DatabaseFile => options.SqliteFilePath;

    /// <summary>Copies the running database to <paramref name="targetFile"/>, a new file, and checks the copy.</summary>
    public async Task<BackupOutcome> BackupAsync(string targetFile, CancellationToken cancellationToken = default)
    {
        RequireSqlite("--backup");
        var source = DatabaseFile;
        var target = Path.GetFullPath(targetFile);
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no database to back up at {source}. Point Database:DataFolder at the app's data folder.");
        }
        if (File.Exists(target))
        {
            throw new BackupException($"{target} already exists; a backup never overwrites a file. Choose another name.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        var watch = Stopwatch.StartNew();
        try
        {
            await using (var from = Open(source, SqliteOpenMode.ReadWrite))
            await using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                // One step for all pages: one read transaction on the source, so one consistent moment.
                from.BackupDatabase(to);
                // A backup is one self-contained file: no -wal beside it.
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }
            var copied = watch.Elapsed;
            var facts = await InspectAsync(partial, cancellationToken);
            if (!facts.IntegrityOk || !facts.Audit.Intact)
            {
                throw new BackupException($"The copy failed its checks and was deleted ({facts.Summary}). The database itself may be damaged: " +
                    "run PRAGMA integrity_check on it and Audit trail → Verify integrity.");
            }
            File.Move(partial, target);
            var outcome = new BackupOutcome(target, new FileInfo(target).Length, copied, watch.Elapsed, facts with { Path = target });
            logger.LogInformation("Backed up {Source} to {Target}: {Bytes} bytes in {Milliseconds} ms; {Facts}",
                source, target, outcome.Bytes, (long)watch.Elapsed.TotalMilliseconds, facts.Summary);
            return outcome;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Puts the backup <paramref name="backupFile"/> in place of the database. Refuses when the database already holds
    /// data, unless <paramref name="force"/>; refuses a backup that fails its checks or comes from a newer version of
    /// the app. Stop the app first: it must not have the database open.
    /// </summary>
    public async Task<RestoreOutcome> RestoreAsync(string backupFile, bool force, CancellationToken cancellationToken = default)
    {
        RequireSqlite("--restore");
        var backup = Path.GetFullPath(backupFile);
        var target = DatabaseFile;
        if (!File.Exists(backup))
        {
            throw new BackupException($"There is no backup at {backup}.");
        }
        if (!IsSqliteFile(backup))
        {
            throw new BackupException($"{backup} is not a SQLite database.");
        }

        var incoming = await InspectAsync(backup, cancellationToken);
        if (!incoming.IntegrityOk)
        {
            throw new BackupException($"The backup {backup} fails SQLite's integrity check ({incoming.IntegrityCheck}); nothing was restored.");
        }
        if (!incoming.Audit.Intact)
        {
            throw new BackupException($"The backup's audit trail does not verify ({incoming.Audit.Message}); nothing was restored.");
        }
        var known = KnownMigrations();
        var unknown = incoming.AppliedMigrations.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupException($"The backup comes from a newer version of AiPolicyHub (schema {incoming.SchemaVersion}, unknown to this " +
                $"version: {string.Join(", ", unknown)}). Restore it with that version; nothing was restored.");
        }

        DatabaseFacts? before = null;
        if (File.Exists(target) && new FileInfo(target).Length > 0)
        {
            if (!IsSqliteFile(target))
            {
                if (!force)
                {
                    throw new BackupException($"{target} is not a SQLite database; restore over it only with --force.");
                }
            }
            else
            {
                before = await InspectAsync(target, cancellationToken);
                if (before.HasData && !force)
                {
                    throw new BackupException($"{target} holds data ({before.Summary}). Restoring would replace it: add --force " +
                        "to do that (back it up first), or restore into an empty data folder.");
                }
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var incomingCopy = target + ".restoring";
        File.Delete(incomingCopy);
        try
        {
            await using (var from = Open(backup, SqliteOpenMode.ReadOnly))
            await using (var to = Open(incomingCopy, SqliteOpenMode.ReadWriteCreate))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }
            // The old database's write-ahead log belongs to it, not to the restored file.
            foreach (var stale in new[] { target + "-wal", target + "-shm", target + "-journal" })
            {
                File.Delete(stale);
            }
            File.Move(incomingCopy, target, overwrite: true);
        }
        finally
        {
            File.Delete(incomingCopy);
        }

        var after = await InspectAsync(target, cancellationToken);
        if (!after.IntegrityOk || !after.Audit.Intact || after.AuditEntries != incoming.AuditEntries
            || !after.AppliedMigrations.SequenceEqual(incoming.AppliedMigrations))
        {
            throw new BackupException($"The restored database does not match the backup ({after.Summary}). Restore again, or from another backup.");
        }
        var pending = known.Except(after.AppliedMigrations).Count();
        logger.LogInformation("Restored {Backup} to {Target}: {Facts}", backup, target, after.Summary);
        return new RestoreOutcome(backup, target, before, incoming, after, pending);
    }

    /// <summary>Integrity, schema version, audit chain (verified with this instance's key) and counts of one SQLite file.</summary>
    public async Task<DatabaseFacts> InspectAsync(string file, CancellationToken cancellationToken = default)
    {
        await using var connection = Open(file, SqliteOpenMode.ReadWrite);
        await connection.OpenAsync(cancellationToken);
        var integrity = string.Join("; ", await ColumnAsync(connection, "PRAGMA integrity_check;", cancellationToken));
        var tables = (await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table';", cancellationToken)).ToHashSet();
        if (!tables.Contains("AuditEntries"))
        {
            var none = new AuditVerification(true, 0, null, "The database has no schema yet.");
            return new DatabaseFacts(file, integrity, [], none, 0, 0, 0, 0);
        }
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var verification = await audit.VerifyAsync(db, cancellationToken);
        return new DatabaseFacts(file, integrity, applied, verification,
            await db.Users.LongCountAsync(cancellationToken), await db.Tools.LongCountAsync(cancellationToken),
            await db.Workflows.LongCountAsync(cancellationToken), await db.AuditEntries.LongCountAsync(cancellationToken));
    }

    /// <summary>A name for a scheduled backup taken now: sortable, so the newest sorts last.</summary>
    public string ScheduledFileName() => $"aipolicyhub-{clock.GetUtcNow():yyyyMMdd-HHmmss}Z.db";

    /// <summary>The migrations this version of the app knows, oldest first.</summary>
    private static IReadOnlyList<string> KnownMigrations()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.Database.GetMigrations()];
    }

    private void RequireSqlite(string command)
    {
        if (options.IsPostgres)
        {
            throw new BackupException($"{command} is for the SQLite database. On PostgreSQL use pg_dump and pg_restore (infra/README.md, PostgreSQL backups).");
        }
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            throw new BackupException($"{command} works on the database in Database:DataFolder; Database:ConnectionString is set instead.");
        }
    }

    // Unpooled, so the file is closed when the connection is: it may be moved or deleted next.
    private static SqliteConnection Open(string file, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 30,
    }.ToString());

    private static bool IsSqliteFile(string file)
    {
        using var stream = File.OpenRead(file);
        Span<byte> header = stackalloc byte[SqliteHeader.Length];
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}

/// <summary>A finished backup: the file, its size, how long the copy held its read transaction and the whole run took, and its checks.</summary>
public sealed record BackupOutcome(string File, long Bytes, TimeSpan CopyTime, TimeSpan TotalTime, DatabaseFacts Facts);

/// <summary>A finished restore: the database before (null when there was none), the backup, the database after, and migrations the next start applies.</summary>
public sealed record RestoreOutcome(string Backup, string Database, DatabaseFacts? Before, DatabaseFacts Incoming, DatabaseFacts After, int PendingMigrations);

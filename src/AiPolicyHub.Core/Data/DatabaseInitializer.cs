using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// Opens the database at start-up and brings its schema up to date. Anything that would risk
/// the operator's data (an unreadable file, a folder it cannot write) stops start-up with a
/// <see cref="StartupException"/> that says what to do.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> contexts, DatabaseOptions options, Auditing.AuditChainKey auditKey, ILogger<DatabaseInitializer> logger)
{
    /// <summary>The migration that brought the keyed audit chain: an existing chain is sealed right after it runs.</summary>
    private const string KeyedAuditChain = "20261203300000_AnchoredAuditChain";

    private const int SqliteCorrupt = 11, SqliteReadOnly = 8, SqliteCantOpen = 14, SqliteNotADatabase = 26;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private bool IsSqlite => !options.IsPostgres && string.IsNullOrEmpty(options.ConnectionString);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (IsSqlite)
        {
            PrepareSqliteFile();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            }
            await Providers.MigrateAsync(db, cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers proceed while one writer commits; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            await AnchorAuditChainAsync(db, pending.Contains(KeyedAuditChain), cancellationToken);
            // An import's search catch-up cut short by a stop is finished now (quick when nothing is missing).
            if (await SearchCatchUp.IndexMissingAsync(db, 0, cancellationToken) is var indexed and > 0)
            {
                logger.LogInformation("Search caught up with {Count} workflow(s) an import added before the last stop.", indexed);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new StartupException(CorruptMessage(), ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteReadOnly or SqliteCantOpen)
        {
            throw new StartupException(
                $"The database '{options.SqliteFilePath}' cannot be written ({ex.Message}). " +
                "Make the data folder and the file writable for the user running AiPolicyHub.", ex);
        }
    }

    /// <summary>
    /// Seals an existing audit chain once, when the upgrade to keyed entries runs (never later: a head removed by hand
    /// must be reported, not replaced), and stops the start when the chain was sealed with another key than this
    /// instance's, before any entry is written with it.
    /// </summary>
    private async Task AnchorAuditChainAsync(AppDbContext db, bool upgraded, CancellationToken cancellationToken)
    {
        if (upgraded && await Auditing.AuditChainAnchor.SealExistingChainAsync(db, auditKey, cancellationToken) is { } sealedEntries
            && sealedEntries > 0)
        {
            logger.LogInformation("Sealed the {Count} existing audit entries with the audit key; entries from now on are keyed", sealedEntries);
        }
        var keyId = await db.AuditChainHeads.Where(h => h.Id == Auditing.AuditChainHead.SingleRowId).Select(h => h.KeyId).FirstOrDefaultAsync(cancellationToken);
        if (keyId is not null && keyId != auditKey.KeyId)
        {
            throw new StartupException(Auditing.AuditChainAnchor.KeyMismatch(keyId, auditKey.KeyId));
        }
    }

    private void PrepareSqliteFile()
    {
        var folder = Path.GetFullPath(options.DataFolder);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"The data folder '{folder}' cannot be created or written ({ex.Message}). " +
                "Create it and make it writable for the user running AiPolicyHub, or point " +
                "Database:DataFolder (environment variable Database__DataFolder) at another folder.", ex);
        }

        var file = new FileInfo(options.SqliteFilePath);
        if (file.Exists && file.Length > 0 && !StartsWithSqliteHeader(file))
        {
            throw new StartupException(CorruptMessage());
        }
        logger.LogInformation("Using SQLite database {Path}", file.FullName);
    }

    private static bool StartsWithSqliteHeader(FileInfo file)
    {
        using var stream = file.OpenRead();
        Span<byte> header = stackalloc byte[SqliteHeader.Length];
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header.SequenceEqual(SqliteHeader);
    }

    private string CorruptMessage() =>
        $"The database file '{options.SqliteFilePath}' is not a readable SQLite database (it is damaged or " +
        "is another kind of file). AiPolicyHub will not overwrite it. Restore it from a backup, or move it " +
        "away to start with an empty database.";
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// Keeps an import's new workflows out of the search index while it writes them; <see cref="SearchCatchUp"/> indexes them
/// in one statement right after the commit. On SQLite the trigram full-text index of workflow names and purposes
/// (migration WorkflowSearch) is kept by triggers, and FTS5 writes its pending terms out as a new segment at the end of
/// every statement that touched it: fine for a save, but for an import it becomes a segment per row and most of the
/// import's time — and indexing 100,000 rows even in one statement takes seconds the import need not wait for. So, inside
/// the import's transaction, the insert trigger is set aside and put back before the commit exactly as it was (its own
/// SQL, read from the schema). It is all one transaction: a rollback, a cancellation or a crash brings the trigger back
/// together with everything else. Other connections keep seeing the schema they had until the commit. PostgreSQL's
/// trigram indexes are ordinary indexes: nothing to defer there.
/// </summary>
internal sealed class DeferredSearchIndex
{
    private const string InsertTrigger = "Workflows_Search_Insert";

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly string triggerSql;
    private readonly long lastIdBefore;

    private DeferredSearchIndex(DbConnection connection, DbTransaction transaction, string triggerSql, long lastIdBefore)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.triggerSql = triggerSql;
        this.lastIdBefore = lastIdBefore;
    }

    /// <summary>Sets the insert trigger aside for the rest of <paramref name="transaction"/>; null when there is nothing to defer.</summary>
    public static async Task<DeferredSearchIndex?> StartAsync(AppDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        var triggerSql = await ScalarAsync(connection, dbTransaction,
            $"SELECT \"sql\" FROM \"sqlite_master\" WHERE \"type\" = 'trigger' AND \"name\" = '{InsertTrigger}'", cancellationToken) as string;
        if (triggerSql is null)
        {
            return null;
        }
        var lastId = Convert.ToInt64(await ScalarAsync(connection, dbTransaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Workflows\"", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        await ScalarAsync(connection, dbTransaction, $"DROP TRIGGER \"{InsertTrigger}\"", cancellationToken);
        return new DeferredSearchIndex(connection, dbTransaction, triggerSql, lastId);
    }

    /// <summary>The last workflow id before the import: every workflow above it is the import's (or saved after it) and may lack its index entry.</summary>
    public long LastIdBefore => lastIdBefore;

    /// <summary>Puts the trigger back; call before committing, then <see cref="SearchCatchUp.Start"/> after it.</summary>
    public async Task RestoreTriggerAsync(CancellationToken cancellationToken) =>
        await ScalarAsync(connection, transaction, triggerSql, cancellationToken);

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

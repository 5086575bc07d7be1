using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// Indexes the workflows an import adds in one statement at its end instead of row by row. On SQLite the trigram
/// full-text index of workflow names and purposes (migration WorkflowSearch) is kept by triggers, and FTS5 writes its
/// pending terms out as a new segment at the end of every statement that touched it: fine for a save, but for an
/// import it becomes a segment per chunk of rows and most of the import's time. So, inside the import's transaction,
/// the insert trigger is set aside and the new rows are indexed at once before the commit; the trigger is put back
/// exactly as it was (its own SQL, read from the schema). It is all one transaction: a rollback, a cancellation or a
/// crash brings the trigger back together with everything else. Other connections keep seeing the schema they had
/// until the commit. PostgreSQL's trigram indexes are ordinary indexes: nothing to defer there.
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

    /// <summary>Indexes every workflow added since <see cref="StartAsync"/> and puts the trigger back. Call before committing.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await ScalarAsync(connection, transaction,
            "INSERT INTO \"WorkflowSearch\"(rowid, \"Name\", \"Purpose\") SELECT \"Id\", \"Name\", \"Purpose\" FROM \"Workflows\" " +
            $"WHERE \"Id\" > {lastIdBefore.ToString(System.Globalization.CultureInfo.InvariantCulture)}", cancellationToken);
        await ScalarAsync(connection, transaction, triggerSql, cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

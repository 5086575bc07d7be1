using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// On PostgreSQL, makes every transaction take the audit-chain lock as its first statement, as SQLite's single write
/// lock orders writers by itself. Taking it first matters: a save that wrote a row and then waited for the lock (to
/// append its audit entry) could deadlock with one that held the lock and then wrote the same row. One order for
/// everybody, across every instance; reads outside transactions are not affected.
/// </summary>
internal sealed class WriterSerialization : DbTransactionInterceptor
{
    private static readonly string LockSql = $"SELECT pg_advisory_xact_lock({Providers.AuditChainLock})";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = LockCommand(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = LockCommand(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static DbCommand LockCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = LockSql;
        return command;
    }
}

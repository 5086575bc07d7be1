using System.Data.Common;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// Writes many rows of one table in the caller's transaction, for imports, where the fixed cost of each statement
/// outweighs the row itself. Rows are kept until <see cref="FlushAsync"/>, which returns the new ids in the order the rows
/// were added. <see cref="Create"/> picks the fastest way the database offers.
/// </summary>
internal abstract class BulkInsert : IAsyncDisposable
{
    /// <summary>On SQLite a prepared statement bound by position (<see cref="SqlitePreparedInsert"/>); elsewhere multi-row INSERTs.</summary>
    public static BulkInsert Create(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, bool returnsIds) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? new SqlitePreparedInsert(sqlite, table, columns, returnsIds)
            : new MultiRowInsert(connection, transaction, table, columns, returnsIds);

    /// <summary>How many rows to keep before flushing them is worth it.</summary>
    public abstract int RowsPerStatement { get; }

    public abstract int Pending { get; }

    /// <summary>Keeps one row (its values in column order; null is written as NULL) for the next <see cref="FlushAsync"/>.</summary>
    public abstract void Add(params object?[] values);

    /// <summary>Writes every kept row; the new ids (when the insert returns them) in the order the rows were added.</summary>
    public abstract Task<IReadOnlyList<long>> FlushAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

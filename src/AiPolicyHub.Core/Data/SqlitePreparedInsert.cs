using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// <see cref="BulkInsert"/> on SQLite: one prepared single-row <c>INSERT</c>, its values bound by position and stepped row
/// by row on the connection's own handle, inside the caller's transaction — what the sqlite3 shell's <c>.import</c> does.
/// Microsoft.Data.Sqlite binds each parameter by looking its name up in the statement and converting it to UTF-8, which
/// cost an import of 100,000 workflows more time than SQLite's own work; by position there is no lookup. Values are
/// stored exactly as Microsoft.Data.Sqlite stores them (text dates, integers for enums and booleans), so EF reads them back
/// as if it had written them.
/// </summary>
internal sealed class SqlitePreparedInsert : BulkInsert
{
    /// <summary>Rows kept before they are written: enough to make a flush worth its call, few enough to hold little memory.</summary>
    private const int RowsPerFlush = 64;

    private readonly SqliteConnection connection;
    private readonly string sql;
    private readonly int columns;
    private readonly bool returnsIds;
    private readonly List<object?[]> pending = [];
    private sqlite3_stmt? statement;

    public SqlitePreparedInsert(SqliteConnection connection, string table, IReadOnlyList<string> columns, bool returnsIds)
    {
        this.connection = connection;
        this.columns = columns.Count;
        this.returnsIds = returnsIds;
        sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", Enumerable.Range(1, columns.Count).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))})";
    }

    public override int RowsPerStatement => RowsPerFlush;

    public override int Pending => pending.Count;

    public override void Add(params object?[] values)
    {
        if (values.Length != columns)
        {
            throw new ArgumentException($"Expected {columns} values, got {values.Length}.", nameof(values));
        }
        pending.Add(values);
    }

    public override Task<IReadOnlyList<long>> FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        if (statement is null)
        {
            Check(raw.sqlite3_prepare_v2(handle, sql, out statement), handle);
        }
        var ids = new List<long>(returnsIds ? pending.Count : 0);
        foreach (var values in pending)
        {
            for (var column = 0; column < columns; column++)
            {
                Bind(statement, column + 1, values[column], handle);
            }
            var rc = raw.sqlite3_step(statement);
            try
            {
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc, handle);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
            if (returnsIds)
            {
                ids.Add(raw.sqlite3_last_insert_rowid(handle));
            }
        }
        pending.Clear();
        return Task.FromResult<IReadOnlyList<long>>(ids);
    }

    /// <summary>The UTF-8 of the text being bound, reused from row to row (SQLite copies what is bound).</summary>
    private byte[] utf8 = new byte[1024];

    /// <summary>Binds one value as Microsoft.Data.Sqlite would store it (see its SqliteValueBinder).</summary>
    private void Bind(sqlite3_stmt statement, int index, object? value, sqlite3 handle)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            // The database holds UTF-8: given UTF-16, SQLite converts it character by character as it stores the row, which
            // over the audit entries of a large import cost more than .NET's vectorised encoding into this buffer. The empty
            // text is bound as before.
            string { Length: > 0 } text => raw.sqlite3_bind_text(statement, index, Utf8(text)),
            string text => raw.sqlite3_bind_text16(statement, index, text.AsSpan()),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(statement, index, number),
            DateOnly date => raw.sqlite3_bind_text16(statement, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture).AsSpan()),
            DateTime at => raw.sqlite3_bind_text16(statement, index, at.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture).AsSpan()),
            Enum choice => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(choice, CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"A bulk insert does not bind values of type {value.GetType().Name}."),
        };
        Check(rc, handle);
    }

    private ReadOnlySpan<byte> Utf8(string text)
    {
        var most = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > utf8.Length)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }
        return utf8.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(text, utf8));
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    public override ValueTask DisposeAsync()
    {
        statement?.Dispose();
        statement = null;
        return ValueTask.CompletedTask;
    }
}

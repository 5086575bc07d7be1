using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// <see cref="BulkInsert"/> with one <c>INSERT … VALUES (…), (…), …</c> statement per chunk instead of one statement per row.
/// </summary>
/// <remarks>
/// The ids come back through <c>RETURNING</c>, whose row order neither SQLite nor PostgreSQL promises; but both assign an
/// identity to each row of one VALUES list in list order, from an ever-increasing counter, so the ids sorted ascending
/// are the rows' ids in the order they were added.
/// </remarks>
internal sealed class MultiRowInsert : BulkInsert
{
    /// <summary>
    /// Parameters per statement, far below SQLite's and PostgreSQL's limits: Microsoft.Data.Sqlite binds each parameter by looking
    /// its name up in the statement, which costs more per row the more parameters a statement has; a few hundred is the sweet spot.
    /// </summary>
    private const int MaxParameters = 100;

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly string head;
    private readonly int columns;
    private readonly bool returnsIds;
    private readonly List<object?[]> pending = [];
    private readonly Dictionary<int, DbCommand> commands = [];

    public MultiRowInsert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, bool returnsIds)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.columns = columns.Count;
        this.returnsIds = returnsIds;
        head = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ";
        RowsPerStatement = Math.Max(1, MaxParameters / columns.Count);
    }

    public override int RowsPerStatement { get; }

    public override int Pending => pending.Count;

    public override void Add(params object?[] values)
    {
        if (values.Length != columns)
        {
            throw new ArgumentException($"Expected {columns} values, got {values.Length}.", nameof(values));
        }
        pending.Add(values);
    }

    public override async Task<IReadOnlyList<long>> FlushAsync(CancellationToken cancellationToken)
    {
        var ids = new List<long>(returnsIds ? pending.Count : 0);
        for (var start = 0; start < pending.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, pending.Count - start);
            var command = CommandFor(count);
            for (var row = 0; row < count; row++)
            {
                var values = pending[start + row];
                for (var column = 0; column < columns; column++)
                {
                    command.Parameters[row * columns + column].Value = values[column] ?? DBNull.Value;
                }
            }
            if (!returnsIds)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }
            var chunk = new List<long>(count);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    chunk.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
                }
            }
            if (chunk.Count != count)
            {
                throw new InvalidOperationException($"Inserted {count} rows but got {chunk.Count} ids back.");
            }
            chunk.Sort();
            ids.AddRange(chunk);
        }
        pending.Clear();
        return ids;
    }

    /// <summary>The statement for <paramref name="rows"/> rows, built and kept once per size (in practice: full chunks and one remainder).</summary>
    private DbCommand CommandFor(int rows)
    {
        if (commands.TryGetValue(rows, out var command))
        {
            return command;
        }
        var sql = new StringBuilder(head);
        command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns; column++)
            {
                var name = $"@r{row}c{column}";
                sql.Append(column == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        if (returnsIds)
        {
            sql.Append(" RETURNING \"Id\"");
        }
        command.CommandText = sql.ToString();
        commands[rows] = command;
        return command;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }
    }
}

using AiPolicyHub.Core.Data;
using Microsoft.Data.Sqlite;

namespace AiPolicyHub.Core.Tests.Data;

/// <summary>
/// The import's bulk insert on SQLite binds values by position on the raw handle (<see cref="SqlitePreparedInsert"/>); what it
/// stores must be byte for byte what Microsoft.Data.Sqlite's parameters store, so EF reads the rows back as its own.
/// </summary>
public class BulkInsertTests
{
    private static readonly string[] Columns = ["Text", "Number", "Big", "Flag", "Real", "Day", "At", "Choice", "Nothing", "Empty", "Long"];

    [Fact]
    public async Task A_prepared_insert_on_sqlite_stores_every_value_as_an_ado_net_parameter_would_and_returns_the_ids_in_order()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await Execute(connection, "CREATE TABLE \"Rows\" (\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT, " + string.Join(", ", Columns.Select(c => $"\"{c}\"")) + ")");
        object?[] values = ["Ünïcödé – ✓ \"quoted\"", 42, 1L << 40, true, 2.5, new DateOnly(2027, 3, 31),
            new DateTime(2026, 12, 3, 21, 47, 19, 823, DateTimeKind.Utc), DayOfWeek.Friday, null, "",
            // Longer than the buffer the text is first encoded into, with characters of two, three and four bytes.
            string.Concat(Enumerable.Repeat("Größe – 𝛼 audit ", 300))];

        // The reference: the same row through ordinary parameters.
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"INSERT INTO \"Rows\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))})";
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue("@p" + i, values[i] ?? DBNull.Value);
            }
            await command.ExecuteNonQueryAsync();
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var insert = BulkInsert.Create(connection, transaction, "Rows", Columns, returnsIds: true))
        {
            Assert.IsType<SqlitePreparedInsert>(insert);
            insert.Add(values);
            insert.Add(values);
            Assert.Equal([2L, 3L], await insert.FlushAsync(default));
        }
        await transaction.CommitAsync();

        // The stored bytes (hex of the text as the database holds it), not the text read back.
        var stored = await Read(connection, "SELECT " + string.Join(", ", Columns.Select(c => $"typeof(\"{c}\") || ':' || coalesce(hex(\"{c}\"), '')")) + " FROM \"Rows\" ORDER BY \"Id\"");
        Assert.Equal(3, stored.Count);
        Assert.Equal(stored[0], stored[1]);
        Assert.Equal(stored[0], stored[2]);
        Assert.Equal("text:" + Convert.ToHexString("2027-03-31"u8), stored[0][5]);
        Assert.Equal("text:" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes((string)values[0]!)), stored[0][0]);
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_the_flush_with_sqlites_message()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await Execute(connection, "CREATE TABLE \"Rows\" (\"Id\" INTEGER PRIMARY KEY, \"Text\" TEXT NOT NULL)");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = BulkInsert.Create(connection, transaction, "Rows", ["Text"], returnsIds: false);
        insert.Add([null]);

        var error = await Assert.ThrowsAsync<SqliteException>(() => insert.FlushAsync(default));
        Assert.Contains("NOT NULL", error.Message);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string[]>> Read(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }
        return rows;
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPolicyHub.Core.Data;

/// <summary>Database functions the queries use, beyond what every provider has.</summary>
public static class SqlFunctions
{
    /// <summary>
    /// Upper-cases text for case-insensitive comparison of any alphabet (SQLite's own upper() and
    /// LIKE know only A–Z, so "übersetzung" would not find "Übersetzung"). Used in queries only.
    /// </summary>
    public static string FoldCase(string value) => throw new InvalidOperationException("Only for use in database queries.");

    public const string FoldCaseName = "fold_case";

    public static string Fold(string value) => value.ToUpperInvariant();
}

/// <summary>Gives every SQLite connection the functions of <see cref="SqlFunctions"/>, implemented in .NET.</summary>
internal sealed class SqliteFunctionsInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction(SqlFunctions.FoldCaseName, (string? value) => value is null ? null : SqlFunctions.Fold(value), isDeterministic: true);
        }
    }
}

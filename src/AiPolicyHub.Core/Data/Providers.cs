using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// The few places where SQLite and PostgreSQL differ, in one file: migrations ask with their
/// <c>ActiveProvider</c>, queries and the model with the context's <see cref="DatabaseFacade"/>.
/// </summary>
public static class Providers
{
    public const string SqliteName = "Sqlite", PostgresName = "Postgres";

    /// <summary>The annotation that makes an integer key an identity column on PostgreSQL (SQLite ignores it).</summary>
    public const string PostgresIdentity = "Npgsql:ValueGenerationStrategy";

    public const NpgsqlValueGenerationStrategy IdentityByDefault = NpgsqlValueGenerationStrategy.IdentityByDefaultColumn;

    /// <summary>SQLite's collation for names compared and sorted whatever their case.</summary>
    public const string SqliteCaseInsensitive = "NOCASE";

    /// <summary>
    /// PostgreSQL's case-insensitive text type: equality, unique indexes and LIKE ignore case, as NOCASE does on
    /// SQLite. (A nondeterministic ICU collation would be the other way, but PostgreSQL before 18 refuses LIKE on it.)
    /// </summary>
    public const string PostgresCaseInsensitiveType = "citext";

    public static bool IsPostgres(string? activeProvider) =>
        activeProvider?.StartsWith("Npgsql", StringComparison.Ordinal) == true;

    public static bool IsSqlite(string? activeProvider) =>
        activeProvider?.Contains("Sqlite", StringComparison.Ordinal) == true;

    public static bool IsPostgres(this DatabaseFacade database) => IsPostgres(database.ProviderName);

    /// <summary>The advisory lock that orders appends to the audit hash chain on PostgreSQL.</summary>
    public const long AuditChainLock = 0x41694175646974; // "AiAudit"

    /// <summary>
    /// Makes writers that take the same <paramref name="lockKey"/> wait for each other until the current transaction ends.
    /// SQLite needs nothing: a write transaction holds the database's only write lock from its start. PostgreSQL gets a
    /// transaction-scoped advisory lock, shared by every connection and so by every app instance.
    /// </summary>
    public static async Task SerializeWritersAsync(DbContext db, long lockKey, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsPostgres())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        }
    }

    /// <summary>
    /// Migrates, then on PostgreSQL makes Npgsql load the types the migrations may have added (citext): it reads the
    /// server's types when it first connects, before the migrations ran, and would refuse citext parameters otherwise.
    /// </summary>
    public static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending && db.Database.IsPostgres())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await ((Npgsql.NpgsqlConnection)db.Database.GetDbConnection()).ReloadTypesAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Column type of a case-insensitive name in a migration: <c>citext</c> on PostgreSQL, the provider's default elsewhere.</summary>
    public static string? CaseInsensitiveType(string? activeProvider) =>
        IsPostgres(activeProvider) ? PostgresCaseInsensitiveType : null;

    /// <summary>Collation of a case-insensitive name in a migration: <c>NOCASE</c> on SQLite, none (the type does it) on PostgreSQL.</summary>
    public static string? CaseInsensitiveCollation(string? activeProvider) =>
        IsPostgres(activeProvider) ? null : SqliteCaseInsensitive;

    /// <summary>
    /// The model's names carry SQLite's NOCASE collation (see the entity configurations); on PostgreSQL the same
    /// columns become <c>citext</c> instead, so configurations stay written once.
    /// </summary>
    internal static void AdaptModel(ModelBuilder builder, DatabaseFacade database)
    {
        if (!database.IsPostgres())
        {
            return;
        }
        builder.HasPostgresExtension(PostgresCaseInsensitiveType);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()))
        {
            if (property.GetCollation() == SqliteCaseInsensitive)
            {
                property.SetCollation(null);
                property.SetColumnType(PostgresCaseInsensitiveType);
            }
        }
    }
}

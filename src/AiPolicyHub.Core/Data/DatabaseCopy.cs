using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AiPolicyHub.Core.Data;

/// <summary>What was copied, table by table.</summary>
public sealed record DatabaseCopyResult(IReadOnlyList<(string Table, int Rows)> Tables)
{
    public int TotalRows => Tables.Sum(t => t.Rows);
}

/// <summary>
/// Copies every row of every table in the model from one database to another, e.g. the SQLite file to a new
/// PostgreSQL database (<c>--copy-database-to</c>). Both are migrated to the same schema first; the target must be
/// empty. Rows keep their ids (so links, the audit hash chain and report ids stay valid), parents before children, in
/// one transaction on the target, and PostgreSQL's identity sequences are moved past the copied ids.
/// </summary>
public static class DatabaseCopy
{
    private const int BatchSize = 2_000;

    public static async Task<DatabaseCopyResult> CopyAsync(AppDbContext source, AppDbContext target, CancellationToken cancellationToken = default)
    {
        await Providers.MigrateAsync(source, cancellationToken);
        await Providers.MigrateAsync(target, cancellationToken);
        var entityTypes = InDependencyOrder(target.Model);
        foreach (var entityType in entityTypes)
        {
            if (await CountAsync(target, entityType, cancellationToken) > 0)
            {
                throw new StartupException(
                    $"The target database already has rows in \"{entityType.GetTableName()}\". Copy only into a new, empty database.");
            }
        }

        var copied = new List<(string, int)>();
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var entityType in entityTypes)
        {
            var rows = (Task<int>)typeof(DatabaseCopy).GetMethod(nameof(CopyTableAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(entityType.ClrType).Invoke(null, [source, target, entityType, cancellationToken])!;
            copied.Add((entityType.GetTableName()!, await rows));
        }
        if (target.Database.IsPostgres())
        {
            await ResetIdentitySequencesAsync(target, entityTypes, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new DatabaseCopyResult(copied);
    }

    private static async Task<int> CopyTableAsync<T>(AppDbContext source, AppDbContext target, IEntityType entityType, CancellationToken cancellationToken)
        where T : class
    {
        var keys = entityType.FindPrimaryKey()!.Properties.Select(p => p.Name).ToArray();
        IQueryable<T> rows = source.Set<T>().AsNoTracking();
        // A stable order, so the batches cover every row once (and the audit chain is written in its own order).
        var ordered = rows.OrderBy(r => EF.Property<object>(r, keys[0]));
        foreach (var key in keys.Skip(1))
        {
            ordered = ordered.ThenBy(r => EF.Property<object>(r, key));
        }
        var count = 0;
        while (true)
        {
            var batch = await ordered.Skip(count).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return count;
            }
            target.Set<T>().AddRange(batch);
            target.ChangeTracker.DetectChanges();
            await target.SaveChangesAsync(cancellationToken);
            target.ChangeTracker.Clear();
            count += batch.Count;
        }
    }

    private static async Task<int> CountAsync(AppDbContext db, IEntityType entityType, CancellationToken cancellationToken) =>
        await (Task<int>)typeof(DatabaseCopy).GetMethod(nameof(CountRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(entityType.ClrType).Invoke(null, [db, cancellationToken])!;

    private static Task<int> CountRowsAsync<T>(AppDbContext db, CancellationToken cancellationToken) where T : class =>
        db.Set<T>().CountAsync(cancellationToken);

    /// <summary>Tables whose rows others point to come first.</summary>
    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(e => e.GetForeignKeys().All(fk =>
                fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType) || !remaining.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The model's foreign keys form a cycle: " + string.Join(", ", remaining.Select(e => e.GetTableName())));
            }
            ordered.AddRange(ready.OrderBy(e => e.GetTableName(), StringComparer.Ordinal));
            remaining.RemoveAll(ready.Contains);
        }
        return ordered;
    }

    private static async Task ResetIdentitySequencesAsync(AppDbContext target, IEnumerable<IEntityType> entityTypes, CancellationToken cancellationToken)
    {
        foreach (var entityType in entityTypes)
        {
            var table = entityType.GetTableName()!;
            foreach (var key in entityType.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == ValueGenerated.OnAdd
                && p.ClrType is var t && (t == typeof(int) || t == typeof(long))))
            {
                var column = key.GetColumnName();
                // Names from the model, never from input. setval(…, max + 1, false): the next id is max + 1 (1 when empty).
                var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)";
                await target.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }
    }
}
